import { notificationOptOuts, type Database, type Transaction } from '@autodoctor/db';
import { and, eq } from 'drizzle-orm';
import { NotificationRequiredError } from '../errors.ts';
import {
  isOptionalMailKind,
  OPTIONAL_MAIL_KINDS,
  PUSH_KIND_VALUES,
  type OptionalMailKind,
  type PushKind,
} from '../rules/notifications.ts';

/** One switch of a person's notifications. */
export type NotificationPreference =
  | { channel: 'email'; kind: OptionalMailKind; enabled: boolean }
  | { channel: 'push'; kind: PushKind; enabled: boolean };

/**
 * Turns one kind of notification on or off for a person (idempotent: the opt-out row exists or
 * not). Security email and receipts cannot be turned off: `NotificationRequiredError`.
 */
export async function setNotificationPreference(
  db: Database | Transaction,
  userId: string,
  preference: NotificationPreference,
): Promise<void> {
  const { channel, kind, enabled } = preference;
  if (channel === 'email' && !isOptionalMailKind(kind)) throw new NotificationRequiredError(kind);
  if (enabled) {
    await db
      .delete(notificationOptOuts)
      .where(
        and(
          eq(notificationOptOuts.userId, userId),
          eq(notificationOptOuts.channel, channel),
          eq(notificationOptOuts.kind, kind),
        ),
      );
  } else {
    await db.insert(notificationOptOuts).values({ userId, channel, kind }).onConflictDoNothing();
  }
}

/** Every optional kind with whether it is on for this person (email and push). */
export async function getNotificationPreferences(
  db: Database | Transaction,
  userId: string,
): Promise<{ email: Record<OptionalMailKind, boolean>; push: Record<PushKind, boolean> }> {
  const rows = await db
    .select({ channel: notificationOptOuts.channel, kind: notificationOptOuts.kind })
    .from(notificationOptOuts)
    .where(eq(notificationOptOuts.userId, userId));
  const off = new Set(rows.map((row) => `${row.channel}:${row.kind}`));
  return {
    email: Object.fromEntries(OPTIONAL_MAIL_KINDS.map((kind) => [kind, !off.has(`email:${kind}`)])) as Record<
      OptionalMailKind,
      boolean
    >,
    push: Object.fromEntries(PUSH_KIND_VALUES.map((kind) => [kind, !off.has(`push:${kind}`)])) as Record<
      PushKind,
      boolean
    >,
  };
}
