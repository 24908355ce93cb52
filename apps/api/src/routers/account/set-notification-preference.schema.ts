import { MAIL_KIND_VALUES, PUSH_KIND_VALUES } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/**
 * One switch: an email kind or a push kind, on or off. Every email kind is accepted here so that
 * turning off a security email or a receipt gets its own answer (NOTIFICATION_REQUIRED), not a
 * schema error.
 */
export const setNotificationPreferenceInput = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), kind: z.enum(MAIL_KIND_VALUES), enabled: z.boolean() }),
  z.object({ channel: z.literal('push'), kind: z.enum(PUSH_KIND_VALUES), enabled: z.boolean() }),
]);
