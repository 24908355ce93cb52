import type { Session } from '../types.ts';

/** A session as the apps show it (no payment ids, no internal columns). */
export interface SessionView {
  id: string;
  type: Session['type'];
  status: Session['status'];
  vehicle: { year: number; make: string; model: string; vin: string | null };
  concern: string;
  scheduledFor: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  chargedCredits: number;
  chargedAmountCents: number;
  currency: string | null;
}

export function toSessionView(session: Session): SessionView {
  return {
    id: session.id,
    type: session.type,
    status: session.status,
    vehicle: {
      year: session.vehicleYear,
      make: session.vehicleMake,
      model: session.vehicleModel,
      vin: session.vehicleVin,
    },
    concern: session.concern,
    scheduledFor: session.scheduledFor,
    createdAt: session.createdAt,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    chargedCredits: session.chargedCredits,
    chargedAmountCents: session.chargedAmountCents,
    currency: session.currency,
  };
}
