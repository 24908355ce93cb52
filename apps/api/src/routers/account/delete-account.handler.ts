import { authAccounts } from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { deleteCustomerAccount, InvalidPasswordError } from '@autodoctor/session-core';
import { TRPCError } from '@trpc/server';
import { verifyPassword } from 'better-auth/crypto';
import type { z } from 'zod';
import { createPhotoStorage } from '../../photos/create-photo-storage.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { deleteAccountInput } from './delete-account.schema.ts';

/**
 * The customer deletes their account, confirmed with their password (the rule:
 * session-core's `deleteCustomerAccount`, apps/api/README.md "Deleting an account"). Every
 * sign-in ends at the commit; the answer waits until this instance has heard so.
 */
export async function deleteAccountHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof deleteAccountInput>;
}) {
  const [login] = await ctx.db
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, ctx.user.id), eq(authAccounts.providerId, 'credential')));
  if (!login?.hash || !(await verifyPassword({ hash: login.hash, password: input.password }))) {
    throw new InvalidPasswordError();
  }
  const heard = ctx.authByApp.revocations.heard('user', ctx.user.id);
  const deleted = await deleteCustomerAccount(ctx.db, ctx.user.id);
  // Deleted meanwhile by another request of theirs: it is gone, as asked.
  if (!deleted) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This account no longer exists' });
  await heard;
  const ended = deleted.endedSession;
  // A paid session cancelled before a mechanic took it is owed a refund (written by a trigger).
  if (ended?.session.type === 'paid' && !ended.wasAccepted) ctx.refunds.kick();
  // The photos' rows went with the commit; their bytes now (a failure leaves bytes no row names).
  const storage = createPhotoStorage(ctx.config, ctx.db);
  const removed = await Promise.allSettled(deleted.photoKeys.map((key) => storage.delete(key)));
  const failed = removed.filter((result) => result.status === 'rejected').length;
  if (failed > 0) {
    ctx.log.warn({ userId: ctx.user.id, failed }, 'delete account: some photo bytes were not deleted');
  }
  return { deleted: true as const, sessionCancelled: ended !== null };
}
