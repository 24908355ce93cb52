import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { approvedTotalCents, computeQuoteTotals } from '@autodoctor/session-core/rules';
import { formatMoney } from '../lib/format.ts';
import { QuoteLinesTable, type QuoteTableLine, type QuoteTableQuote } from './quote-lines-table.tsx';

interface AppLine extends QuoteTableLine {
  position: number;
}

const TAX_RATE_BPS = 1000;
/** Pads 2 × $45.00, 1.5 h labour at $90.00, a $20.00 fee, at 10 % tax. */
const LINE_INPUTS = [
  { id: 'l1', kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4500 },
  { id: 'l2', kind: 'labour', description: 'Fit the pads', quantityMilli: 1500, unitPriceCents: 9000 },
  { id: 'l3', kind: 'fee', description: 'Disposal fee', quantityMilli: 1000, unitPriceCents: 2000 },
] as const;

/** The quote as the API would show it (session-core's own amounts), decided when given answers. */
function quote(answers?: readonly boolean[]): QuoteTableQuote<AppLine> {
  const totals = computeQuoteTotals({ taxRateBps: TAX_RATE_BPS, lines: LINE_INPUTS });
  const lines = LINE_INPUTS.map((input, index) => ({
    ...input,
    ...totals.lines[index]!,
    position: index + 1,
    approved: answers?.[index] ?? null,
  }));
  return {
    currency: 'usd',
    taxRateBps: TAX_RATE_BPS,
    lines,
    subtotalCents: totals.subtotalCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    decision: answers
      ? {
          approvedTotalCents: approvedTotalCents(
            lines.map((each) => ({ ...each, approved: !!each.approved })),
          ),
        }
      : null,
  };
}

const decided = () => quote([true, true, false]);

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map((header) => header.textContent);
const totalRow = (table: HTMLElement, label: string) =>
  within(table)
    .getAllByRole('row')
    .find((row) => within(row).queryAllByRole('rowheader')[0]?.textContent === label);

// A phone hides the figures' columns (`hidden sm:table-cell`); wider screens and paper hide the
// line under the description and the phone's own total labels (`sm:hidden`).
const PHONE_HIDDEN = 'hidden sm:table-cell print:table-cell';
const WIDE_HIDDEN = 'sm:hidden print:hidden';
function columnsShown(row: HTMLElement, screenSize: 'phone' | 'wide'): number {
  return [...row.children]
    .filter((cell) => !cell.className.includes(screenSize === 'phone' ? PHONE_HIDDEN : WIDE_HIDDEN))
    .reduce((sum, cell) => sum + ((cell as HTMLTableCellElement).colSpan || 1), 0);
}

describe('QuoteLinesTable', () => {
  it('shows each line with its kind and figures, and the totals with the tax rate', () => {
    render(<QuoteLinesTable quote={quote()} caption="Quote lines" />);
    const table = screen.getByRole('table', { name: 'Quote lines' });
    expect(headers(table)).toEqual(['Item', 'Qty', 'Unit price', 'Amount', 'Tax', 'Total']);
    const labour = within(table).getByRole('row', { name: /Fit the pads/ });
    expect(within(labour).getByRole('rowheader').textContent).toBe(
      `Fit the padsLabour · 1.5 h × ${formatMoney(9000)} /h + ${formatMoney(1350)} tax`,
    );
    expect(
      within(labour)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      '1.5 h',
      `${formatMoney(9000)} /h`,
      formatMoney(13_500),
      formatMoney(1350),
      formatMoney(14_850),
    ]);
    expect(totalRow(table, 'Subtotal')?.textContent).toContain(formatMoney(24_500));
    expect(totalRow(table, 'Tax (10 %)')?.textContent).toContain(formatMoney(2450));
    expect(totalRow(table, 'Total')?.textContent).toContain(formatMoney(26_950));
    expect(totalRow(table, 'Approved total')).toBeUndefined();
  });

  it('an undecided quote has no decision column', () => {
    render(<QuoteLinesTable quote={quote()} caption="Quote lines" decisionHeading="Customer" />);
    expect(screen.queryByRole('columnheader', { name: 'Customer' })).toBeNull();
  });

  it("a decided quote shows each line's answer under the reader's heading, and the approved total", () => {
    render(<QuoteLinesTable quote={decided()} caption="Quote lines" decisionHeading="Customer" />);
    const table = screen.getByRole('table');
    expect(headers(table).at(-1)).toBe('Customer');
    const answers = ['Front brake pads', 'Fit the pads', 'Disposal fee'].map(
      (description) =>
        within(table).getByRole('row', { name: new RegExp(description) }).lastElementChild?.textContent,
    );
    expect(answers).toEqual(['Approved', 'Approved', 'Declined']);
    expect(totalRow(table, 'Approved total')?.textContent).toContain(formatMoney(24_750));
  });

  it('while the customer chooses: decisionOf fills the last column and the chosen total shows', () => {
    const seen: AppLine[] = [];
    render(
      <QuoteLinesTable
        quote={quote()}
        caption="Choose"
        decisionHeading="Your decision"
        decisionOf={(each) => {
          seen.push(each);
          return <button type="button">Approve line {each.position}</button>;
        }}
        approvedTotalCents={9900}
      />,
    );
    const table = screen.getByRole('table', { name: 'Choose' });
    expect(headers(table).at(-1)).toBe('Your decision');
    // The app's own line type comes back, extra fields included.
    expect(seen.map((each) => each.position)).toEqual([1, 2, 3]);
    const pads = within(table).getByRole('row', { name: /Front brake pads/ });
    expect(within(pads).getByRole('button', { name: 'Approve line 1' })).toBeTruthy();
    expect(totalRow(table, 'Approved total')?.textContent).toContain(formatMoney(9900));
  });

  it('the chosen total wins over nothing decided yet; a decided quote without it shows its own', () => {
    const { rerender } = render(<QuoteLinesTable quote={quote()} caption="Q" approvedTotalCents={0} />);
    expect(totalRow(screen.getByRole('table'), 'Approved total')?.textContent).toContain(formatMoney(0));
    rerender(<QuoteLinesTable quote={decided()} caption="Q" />);
    expect(totalRow(screen.getByRole('table'), 'Approved total')?.textContent).toContain(formatMoney(24_750));
  });

  it('every row fills the same columns on a phone and on wider screens, the decision column included', () => {
    for (const shown of [quote(), decided()]) {
      const { unmount } = render(<QuoteLinesTable quote={shown} caption="Q" />);
      const rows = screen.getAllByRole('row');
      for (const screenSize of ['phone', 'wide'] as const) {
        const widths = new Set(rows.map((row) => columnsShown(row, screenSize)));
        // Item and Total on a phone, all six columns wider; plus the decision column once decided.
        const columns = (screenSize === 'phone' ? 2 : 6) + (shown.decision ? 1 : 0);
        expect([...widths]).toEqual([columns]);
      }
      unmount();
    }
  });

  it('on a phone the figures go under the description, and paper shows every column', () => {
    render(<QuoteLinesTable quote={decided()} caption="Q" />);
    const pads = screen.getByRole('row', { name: /Front brake pads/ });
    const [qty, unit, amount, tax, total, answer] = within(pads).getAllByRole('cell');
    for (const figure of [qty, unit, amount, tax]) expect(figure?.className).toContain(PHONE_HIDDEN);
    for (const kept of [total, answer]) expect(kept?.className).not.toContain('hidden');
    const underDescription = within(pads).getByText(/2 × /);
    expect(underDescription.className).toContain(WIDE_HIDDEN);
  });

  it('can be scrolled and reached by keyboard when it is wider than the screen, and prints whole', () => {
    render(<QuoteLinesTable quote={quote()} caption="Quote lines" />);
    const region = screen.getByRole('region', { name: 'Quote lines' });
    expect(region.tabIndex).toBe(0);
    expect(region.className).toContain('overflow-x-auto');
    // Never cut off on paper.
    expect(region.className).toContain('print:overflow-visible');
  });
});
