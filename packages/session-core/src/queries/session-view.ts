import type { Session } from '../types.ts';
import { firstNameOf } from '../rules/names.ts';
import type { SessionSummary } from './participant-sessions.ts';
import { photoRefOf, type PhotoRef, type StoredPhoto } from './photo-ref.ts';
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
  /** The photos the customer attached to the intake (the views are only ever for participants). */
  intakePhotos: PhotoRef[];
}

/**
 * The view of a session. `mechanicName` and `intakePhotos` come from the reads
 * in participant-sessions.ts (joined); a session read without them shows no
 * mechanic and no photos (pass the photos a new session was created with).
 */
export function toSessionView(
  session: Session & {
    mechanicName?: string | null;
    summary?: SessionSummary | null;
    intakePhotos?: readonly StoredPhoto[];
  },
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
    intakePhotos: (session.intakePhotos ?? []).map(photoRefOf),
  };
}

/** A session as its mechanic sees it: the view, and the customer's first name (never their id or email). */
export type MechanicSessionView = SessionView & { customerFirstName: string };

/** The mechanic's view of a session read with its customer's name (`getParticipantSession`, `findActiveSession`). */
export function toMechanicSessionView(
  session: Session & {
    mechanicName?: string | null;
    summary?: SessionSummary | null;
    intakePhotos?: readonly StoredPhoto[];
    customerName: string;
  },
): MechanicSessionView {
  return { ...toSessionView(session), customerFirstName: firstNameOf(session.customerName) };
}
