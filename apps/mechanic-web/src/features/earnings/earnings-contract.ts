// STAND-IN until the `earnings` branch lands in main: issue 22's contract for the earnings reads.
// After the merge this file goes: the types are the router's outputs.
import type { EarningKind } from '@autodoctor/session-core/rules';

export interface EarningsSummary {
  currency: 'usd';
  balanceCents: number;
  thisMonthCents: number;
  lastMonthCents: number;
  ratingAverage: number | null;
  ratingCount: number;
}

export interface EarningLineView {
  id: number;
  kind: EarningKind;
  amountCents: number;
  currency: string;
  createdAt: Date;
  sessionId: string | null;
  quoteId: string | null;
  quoteVersion: number | null;
  basisCents: number | null;
  rateBps: number | null;
  reference: string | null;
  label: string;
}

export interface RatingView {
  sessionId: string;
  stars: number;
  comment: string;
  createdAt: Date;
  updatedAt: Date;
  changeableUntil: Date;
  vehicle: { year: number; make: string; model: string };
}
