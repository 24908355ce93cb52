import type { z } from 'zod/mini';
import { inviteMechanic } from '../../auth/invite-mechanic.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { inviteMechanicInput } from './invite-mechanic.schema.ts';

/**
 * An operator invites a mechanic, as `pnpm mechanic:invite` does: an account with no password and
 * an email whose link (7 days) sets one in the mechanic app. ACCOUNT_EXISTS (409) for an address
 * that has an account already (an invited mechanic without a password yet gets a new link).
 */
export function inviteMechanicHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof inviteMechanicInput>;
}): Promise<{ userId: string; expiresAt: Date }> {
  return inviteMechanic(ctx.db, input, {
    mechanicAppUrl: ctx.config.MECHANIC_APP_URL,
    invitedBy: ctx.user.id,
  });
}
