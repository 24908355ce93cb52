import { quotes } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import type { signedInMechanic } from './accounts.ts';
import { productDatabase } from './database.ts';

type Mechanic = Awaited<ReturnType<typeof signedInMechanic>>;

/**
 * A repair quote of three lines at 10 % tax: 2 front brake pads at $45.00, 1.5 h of labour at
 * $90.00, a $20.00 disposal fee. Totals: $99.00 + $148.50 + $22.00 = $269.50.
 */
export const THREE_LINE_QUOTE = {
  currency: 'usd' as const,
  taxRateBps: 1000,
  workshopName: 'Torque & Sons Garage',
  workshopAddress: '12 Main Street, Springfield',
  note: 'The front pads are down to 2 mm: replace them soon.',
  lines: [
    { kind: 'part' as const, description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4500 },
    { kind: 'labour' as const, description: 'Fit the front pads', quantityMilli: 1500, unitPriceCents: 9000 },
    { kind: 'fee' as const, description: 'Disposal fee', quantityMilli: 1000, unitPriceCents: 2000 },
  ],
};

export type QuoteInput = typeof THREE_LINE_QUOTE;

/** The mechanic writes a quote for the session and sends it, through the API as the mechanic app does. */
export async function sendQuote(mechanic: Mechanic, sessionId: string, quote: QuoteInput = THREE_LINE_QUOTE) {
  const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote });
  return mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
}

/** The mechanic revises a sent version: a new draft with `quote` as its content, then sent. */
export async function sendRevision(
  mechanic: Mechanic,
  sessionId: string,
  quoteId: string,
  quote: QuoteInput,
) {
  const draft = await mechanic.client.mechanic.reviseQuote.mutate({ quoteId });
  await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quoteId: draft.id, quote });
  return mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
}

/**
 * Plays time forward for one sent version: its valid-until becomes a minute ago, as if the
 * customer had let it run out. A sent version is immutable for the product (a trigger refuses any
 * change but its status), so the trigger is set aside for this one statement of the test.
 */
export async function letQuoteExpire(quoteId: string): Promise<void> {
  await productDatabase().transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx
      .update(quotes)
      .set({ validUntil: sql`now() - interval '1 minute'` })
      .where(eq(quotes.id, quoteId));
  });
}
