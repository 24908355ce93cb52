import { PAYOUT_MAX_CENTS, PAYOUT_REFERENCE_MAX } from '@autodoctor/session-core';
import { z } from 'zod';

/** A payout to a mechanic: what was paid (integer cents), and the transfer's reference. */
export const recordPayoutInput = z.object({
  mechanicUserId: z.string().min(1).max(64),
  amountCents: z.number().int().min(1).max(PAYOUT_MAX_CENTS),
  reference: z.string().trim().min(1).max(PAYOUT_REFERENCE_MAX),
});
