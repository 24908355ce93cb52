import { z } from 'zod';
import { SESSION_EVENT_TYPES, type SessionEventType } from '../rules/events.ts';

/**
 * What a webhook delivers: one session event, as migration 0013's trigger writes it. The same
 * `id` on every retry of it, so a receiver can drop the rare repeat; events of one session arrive
 * one at a time, in order.
 */
export interface WebhookEvent {
  /** The shape of this object; a new shape gets a new number. */
  version: 1;
  /** The session event's id: unique, and the same on every retry. */
  id: number;
  type: SessionEventType;
  sessionId: string;
  /** When the event happened (ISO 8601, UTC). */
  createdAt: string;
  /** The event's details (for example `reason` on `cancelled`, `quoteId` on quote events). */
  data: Record<string, unknown>;
}

/** Parses a delivered body (after its signature checked out): a `WebhookEvent` or a ZodError. */
export const webhookEventSchema: z.ZodType<WebhookEvent> = z.object({
  version: z.literal(1),
  id: z.number().int().positive(),
  type: z.enum(SESSION_EVENT_TYPES),
  sessionId: z.uuid(),
  createdAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
