import { authAccounts, isConstraintViolation, SqlState, users, type Database } from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { hashPassword } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import { AccountExistsError } from '@autodoctor/session-core';
import { USER_ROLES } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** A new account, as the CLI and the demo seed make them. */
export const newAccountSchema = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(128),
  role: z.enum(USER_ROLES),
});
export type NewAccount = z.input<typeof newAccountSchema>;

/**
 * Makes a user and its email + password login, in one transaction, the way
 * better-auth's sign-up would (same password hash, `credential` account) but
 * with any role: the only way a mechanic account comes to be.
 */
export async function createAccount(db: Database, account: NewAccount): Promise<{ userId: string }> {
  const { email, name, password, role } = newAccountSchema.parse(account);
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email, name, role }).returning({ id: users.id });
      await tx.insert(authAccounts).values({
        id: randomUUID(),
        accountId: user!.id,
        providerId: 'credential',
        userId: user!.id,
        password: passwordHash,
      });
      return { userId: user!.id };
    });
  } catch (error) {
    if (isConstraintViolation(error, SqlState.uniqueViolation, 'users_email_unique')) {
      throw new AccountExistsError(email);
    }
    throw error;
  }
}

/** Gives an existing user (e.g. a demo user) an email + password login if it has none. */
export async function ensurePasswordLogin(db: Database, userId: string, password: string): Promise<void> {
  const [existing] = await db
    .select({ id: authAccounts.id })
    .from(authAccounts)
    .where(and(eq(authAccounts.providerId, 'credential'), eq(authAccounts.accountId, userId)));
  if (existing) return; // hashing is slow on purpose: skip it when there is nothing to do
  await db
    .insert(authAccounts)
    .values({
      id: randomUUID(),
      accountId: userId,
      providerId: 'credential',
      userId,
      password: await hashPassword(password),
    })
    // uq_auth_accounts_provider_account: at most one password login per user.
    .onConflictDoNothing();
}
