import {
  getNotificationPreferences,
  PUSH_KIND_VALUES,
  type OptionalMailKind,
  type PushKind,
  type UserRole,
} from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/**
 * The optional emails each role can get: a customer hears about their sessions and quotes, a
 * mechanic about decisions on their quotes. The preferences page offers only these.
 */
const OPTIONAL_MAIL_KINDS_OF_ROLE = {
  customer: ['session_accepted', 'session_live', 'session_ended', 'quote_sent'],
  mechanic: ['quote_approved'],
  operator: [],
} as const satisfies Record<UserRole, readonly OptionalMailKind[]>;

/** Web push goes to mechanics only (new sessions in the queue, decided quotes). */
const PUSH_KINDS_OF_ROLE = {
  customer: [],
  mechanic: PUSH_KIND_VALUES,
  operator: [],
} as const satisfies Record<UserRole, readonly PushKind[]>;

export interface NotificationPreferencesView {
  /** Each optional email the caller's role can get, and whether it is on (security mail and receipts always are). */
  email: { kind: OptionalMailKind; enabled: boolean }[];
  /** Each push notification the caller's role can get, and whether it is on. */
  push: { kind: PushKind; enabled: boolean }[];
}

/** The caller's notification switches, in the order the preferences page lists them. */
export async function notificationPreferencesHandler(options: {
  ctx: AuthedContext;
}): Promise<NotificationPreferencesView> {
  const { ctx } = options;
  const preferences = await getNotificationPreferences(ctx.db, ctx.user.id);
  const role = ctx.user.role;
  return {
    email: (OPTIONAL_MAIL_KINDS_OF_ROLE[role] as readonly OptionalMailKind[]).map((kind) => ({
      kind,
      enabled: preferences.email[kind],
    })),
    push: (PUSH_KINDS_OF_ROLE[role] as readonly PushKind[]).map((kind) => ({
      kind,
      enabled: preferences.push[kind],
    })),
  };
}
