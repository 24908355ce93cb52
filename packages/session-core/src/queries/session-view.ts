import type { Session } from '../types.ts';
import { firstNameOf } from '../rules/names.ts';
import type { SessionSummary } from './participant-sessions.ts';
import { vehicleOf, type Vehicle } from './vehicle.ts';

/** A session as the apps show it (no payment ids, no internal columns). */
export interface SessionView {
  id: string;
  type: Session['type'];
  status: Session['status'];
  vehicle: Vehicle;
  concern: string;
  scheduledFor: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  chargedCredits: number;
  chargedAmountCents: number;
  currency: string | null;
  /** The mechanic who accepted the session; null until one has. */
  mechanic: { name: string } | null;
  /** The mechanic's summary, once the session ended with one. */
  summary: SessionSummary | null;
}

/**
 * The view of a session. `mechanicName` comes from the reads in
 * participant-sessions.ts (joined); a session read without it (e.g. a new one)
 * shows no mechanic.
 */
export function toSessionView(
  session: Session & { mechanicName?: string | null; summary?: SessionSummary | null },
): SessionView {
  return {
    id: session.id,
    type: session.type,
    status: session.status,
    vehicle: vehicleOf(session),
    concern: session.concern,
    scheduledFor: session.scheduledFor,
    createdAt: session.createdAt,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    chargedCredits: session.chargedCredits,
    chargedAmountCents: session.chargedAmountCents,
    currency: session.currency,
    mechanic: session.mechanicName ? { name: session.mechanicName } : null,
    summary: session.summary ?? null,
  };
}

/** A session as its mechanic sees it: the view, and the customer's first name (never their id or email). */
export type MechanicSessionView = SessionView & { customerFirstName: string };

/** The mechanic's view of a session read with its customer's name (`getParticipantSession`, `findActiveSession`). */
export function toMechanicSessionView(
  session: Session & { mechanicName?: string | null; summary?: SessionSummary | null; customerName: string },
): MechanicSessionView {
  return { ...toSessionView(session), customerFirstName: firstNameOf(session.customerName) };
}
