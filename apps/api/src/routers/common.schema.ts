import { z } from 'zod';

/** A session named by its id. */
export const sessionIdInput = z.object({ sessionId: z.uuid() });

/** A quote version named by its id. */
export const quoteIdInput = z.object({ quoteId: z.uuid() });

/**
 * The id of the last event a subscriber received: httpSubscriptionLink sends
 * it back on reconnect (it is the `tracked()` id, a session_events id).
 */
export const lastEventIdField = z
  .string()
  .regex(/^\d{1,18}$/, 'lastEventId must be an event id')
  .nullish();
