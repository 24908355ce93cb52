import {
  authAccounts,
  authVerifications,
  isConstraintViolation,
  SqlState,
  users,
  type Database,
} from '@autodoctor/db';
import { and, eq, sql } from '@autodoctor/db/orm';
import { AccountExistsError, enqueueMail, recordOperatorAction } from '@autodoctor/session-core';
import { mechanicInvitationSchema, type MechanicInvitation } from '@autodoctor/session-core/rules';
import { generateRandomString } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import { resetPasswordUrl } from './account-mail.ts';

/** How long an invitation's link works (a reset link works an hour: RESET_PASSWORD_TOKEN_SECONDS). */
export const MECHANIC_INVITATION_SECONDS = 7 * 24 * 60 * 60;

// The console's dialog checks the same schema (session-core's rules): one definition of the input.
export { mechanicInvitationSchema, type MechanicInvitation };

/**
 * Invites a mechanic: an account with no password and an email (`mechanic_invitation`) whose link
 * opens the mechanic app's reset page, where they choose one (better-auth's reset-password makes
 * the missing `credential` login). All in one transaction. The token is a better-auth reset token
 * as `/request-password-reset` makes them (`reset-password:<24 letters and digits>` in
 * auth_verifications, the user id as its value; identifiers stored plain, better-auth's default),
 * valid 7 days. Inviting again a mechanic who has not chosen a password yet sends a new link (the
 * old one keeps working until it expires); any other existing address is AccountExistsError
 * (session-core's, ACCOUNT_EXISTS), with nothing written. A malformed invitation throws zod's error.
 */
export async function inviteMechanic(
  db: Database,
  invitation: MechanicInvitation,
  options: {
    mechanicAppUrl: string;
    /** The operator's user id when one invites from the console (the CLI has none). */
    invitedBy?: string;
  },
): Promise<{ userId: string; expiresAt: Date }> {
  const { email, name } = mechanicInvitationSchema.parse(invitation);
  const token = generateRandomString(24, 'a-z', 'A-Z', '0-9');
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ email, name, role: 'mechanic' })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      // Already there: only a mechanic without a password login (an earlier invitation) again.
      const [invitedBefore] = created
        ? []
        : await tx
            .select({ id: users.id })
            .from(users)
            .where(
              and(
                eq(users.email, email),
                eq(users.role, 'mechanic'),
                sql`${users.deletedAt} IS NULL`,
                sql`NOT EXISTS (SELECT 1 FROM ${authAccounts} WHERE ${authAccounts.userId} = ${users.id})`,
              ),
            )
            .for('update');
      const userId = created?.id ?? invitedBefore?.id;
      if (!userId) throw new AccountExistsError(email);
      const [verification] = await tx
        .insert(authVerifications)
        .values({
          id: randomUUID(),
          identifier: `reset-password:${token}`,
          value: userId,
          expiresAt: sql`now() + make_interval(secs => ${MECHANIC_INVITATION_SECONDS})`,
        })
        .returning({ expiresAt: authVerifications.expiresAt });
      const expiresAt = verification!.expiresAt;
      await enqueueMail(tx, {
        kind: 'mechanic_invitation',
        userId,
        payload: {
          name,
          url: resetPasswordUrl(options.mechanicAppUrl, token, true),
          expiresAt: expiresAt.toISOString(),
        },
      });
      // An operator's invitation is audited in its transaction: the line exists exactly when it does.
      if (options.invitedBy) {
        await recordOperatorAction(tx, {
          operatorUserId: options.invitedBy,
          action: 'mechanic_invited',
          subjectUserId: userId,
        });
      }
      return { userId, expiresAt };
    });
  } catch (error) {
    if (isConstraintViolation(error, SqlState.uniqueViolation, 'users_email_unique')) {
      throw new AccountExistsError(email);
    }
    throw error;
  }
}
