import {
  isOptionalMailKind,
  NotificationRequiredError,
  setNotificationPreference,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { setNotificationPreferenceInput } from './set-notification-preference.schema.ts';

/**
 * Turns one kind of notification on or off for the caller (idempotent).
 *
 * @throws NotificationRequiredError for security email and receipts (they cannot be turned off)
 */
export async function setNotificationPreferenceHandler(options: {
  ctx: AuthedContext;
  input: z.output<typeof setNotificationPreferenceInput>;
}): Promise<{ ok: true }> {
  const { ctx, input } = options;
  if (input.channel === 'email') {
    if (!isOptionalMailKind(input.kind)) throw new NotificationRequiredError(input.kind);
    await setNotificationPreference(ctx.db, ctx.user.id, { ...input, kind: input.kind });
  } else {
    await setNotificationPreference(ctx.db, ctx.user.id, input);
  }
  return { ok: true };
}
