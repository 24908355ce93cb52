import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayInput,
  emptyQuoteValues,
  endOfDay,
  fieldOfIssuePath,
  newLine,
  parseScaled,
  previewTotals,
  quoteValues,
  toDraftInput,
  type QuoteFormValues,
} from './quote-form.ts';
import type { QuoteView } from './quote-view.ts';

// A day the API accepts (in the future, at most 90 days ahead).
const IN_30_DAYS = addDays(new Date(), 30);

function filled(): QuoteFormValues {
  return {
    ...emptyQuoteValues(),
    validUntil: dayInput(IN_30_DAYS),
    taxRate: '8.25',
    workshopName: 'Main Street Garage',
    workshopAddress: '1 Main Street, Springfield',
    lines: [
      { ...newLine('part'), description: 'Front brake pads', quantity: '2', unitPrice: '45.50' },
      { ...newLine('labour'), description: 'Fit the pads', quantity: '1.5', unitPrice: '90' },
      { ...newLine('discount'), description: 'Loyalty', quantity: '1', unitPrice: '10' },
    ],
  };
}

describe('the quote form', () => {
  it('reads typed decimals exactly, refusing what is not a number or too precise', () => {
    expect(parseScaled('1.5', 1000)).toBe(1500);
    expect(parseScaled('0.001', 1000)).toBe(1);
    expect(parseScaled('45.50', 100)).toBe(4550);
    expect(parseScaled('45,5', 100)).toBe(4550);
    expect(parseScaled('.5', 100)).toBe(50);
    expect(parseScaled('8.25', 100)).toBe(825);
    expect(parseScaled(' 12 ', 100)).toBe(1200);
    // 0.1 + 0.2 style float errors cannot creep in: 1.005 dollars is refused, not rounded.
    expect(parseScaled('1.005', 100)).toBeNull();
    for (const bad of ['', '.', 'abc', '-1', '1e3', '1.2.3', '$5']) expect(parseScaled(bad, 100)).toBeNull();
  });

  it('turns the typed quote into the API input: thousandths, cents, basis points, the end of the day', () => {
    const result = toDraftInput(filled());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      currency: 'usd',
      taxRateBps: 825,
      workshopName: 'Main Street Garage',
      lines: [
        { kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4550 },
        { kind: 'labour', description: 'Fit the pads', quantityMilli: 1500, unitPriceCents: 9000 },
        { kind: 'discount', description: 'Loyalty', quantityMilli: 1000, unitPriceCents: 1000 },
      ],
    });
    expect(result.input.validUntil).toEqual(
      new Date(IN_30_DAYS.getFullYear(), IN_30_DAYS.getMonth(), IN_30_DAYS.getDate(), 23, 59, 59),
    );
    expect(endOfDay('not a day')).toBeNull();
  });

  it('offers a blank quote valid for 14 days', () => {
    const values = emptyQuoteValues(new Date(2026, 11, 7, 10));
    expect(values.validUntil).toBe('2026-12-21');
    expect(values.lines).toHaveLength(1);
  });

  it('says what is wrong at each field', () => {
    const values = filled();
    values.taxRate = 'eight';
    values.workshopName = ' ';
    values.lines[0] = { ...values.lines[0]!, unitPrice: '4.555', description: '' };
    values.lines[1] = { ...values.lines[1]!, quantity: '0' };
    const result = toDraftInput(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).toSorted()).toEqual([
      'lines.0.description',
      'lines.0.unitPrice',
      'lines.1.quantity',
      'taxRate',
      'workshopName',
    ]);
    expect(result.errors['lines.0.unitPrice']).toBe('Write an amount in dollars, e.g. 89.50');
  });

  it('previews the totals with the rule the API uses (discounts subtract, tax per line)', () => {
    const totals = previewTotals(filled());
    // 2 × 45.50 = 91.00; 1.5 h × 90 = 135.00; −10.00 → 216.00; tax 8.25 % per line, half-even.
    expect(totals.lines.map((line) => line.amountCents)).toEqual([9100, 13500, -1000]);
    expect(totals.lines.map((line) => line.taxCents)).toEqual([751, 1114, -82]);
    expect(totals.subtotalCents).toBe(21600);
    expect(totals.taxCents).toBe(1783);
    expect(totals.totalCents).toBe(23383);
  });

  it('maps the API input paths to the fields they came from', () => {
    expect(fieldOfIssuePath(['quote', 'lines', 2, 'unitPriceCents'])).toBe('lines.2.unitPrice');
    expect(fieldOfIssuePath(['quote', 'taxRateBps'])).toBe('taxRate');
    expect(fieldOfIssuePath(['quote', 'workshopName'])).toBe('workshopName');
    expect(fieldOfIssuePath([])).toBe('form');
  });

  it('puts a saved draft back into the form as typed', () => {
    const draft = {
      taxRateBps: 825,
      workshopName: 'W',
      workshopAddress: 'A',
      validUntil: new Date(2099, 0, 1, 12),
      note: 'n',
      lines: [{ kind: 'labour', description: 'Fit', quantityMilli: 1500, unitPriceCents: 9050 }],
    } as unknown as QuoteView;
    const values = quoteValues(draft);
    expect(values).toMatchObject({ taxRate: '8.25', validUntil: '2099-01-01', note: 'n' });
    expect(values.lines[0]).toMatchObject({ kind: 'labour', quantity: '1.5', unitPrice: '90.5' });
  });
});
