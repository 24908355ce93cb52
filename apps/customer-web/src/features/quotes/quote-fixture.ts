import type { QuoteView } from './quote-model.ts';

const HOUR = 3_600_000;

/**
 * A sent quote of three lines at 10 % tax, as the API shows it: brake pads 2 × $45.00, 1.5 h labour
 * at $90.00, a $20.00 disposal fee. For the component tests.
 */
export function sentQuote(overrides: Partial<QuoteView> = {}): QuoteView {
  const now = Date.now();
  return {
    id: 'q1',
    seriesId: 'q1',
    version: 1,
    sessionId: 's1',
    status: 'sent',
    currency: 'usd',
    taxRateBps: 1000,
    workshopName: 'Torque & Sons Garage',
    workshopAddress: '12 Main Street, Springfield',
    note: 'Front pads are at 2 mm.',
    validUntil: new Date(now + 14 * 24 * HOUR),
    subtotalCents: 9000 + 13_500 + 2000,
    taxCents: 900 + 1350 + 200,
    totalCents: 9900 + 14_850 + 2200,
    createdAt: new Date(now - 2 * HOUR),
    sentAt: new Date(now - HOUR),
    closedAt: null,
    mechanicName: 'Sam Torque',
    vehicle: { year: 2015, make: 'Honda', model: 'Civic' },
    lines: [
      line('l1', 0, 'part', 'Front brake pads', 2000, 4500, 9000, 900),
      line('l2', 1, 'labour', 'Fit the pads', 1500, 9000, 13_500, 1350),
      line('l3', 2, 'fee', 'Disposal fee', 1000, 2000, 2000, 200),
    ],
    decision: null,
    ...overrides,
  };
}

function line(
  id: string,
  position: number,
  kind: QuoteView['lines'][number]['kind'],
  description: string,
  quantityMilli: number,
  unitPriceCents: number,
  amountCents: number,
  taxCents: number,
): QuoteView['lines'][number] {
  return {
    id,
    position,
    kind,
    description,
    quantityMilli,
    unitPriceCents,
    amountCents,
    taxCents,
    totalCents: amountCents + taxCents,
    approved: null,
  };
}
