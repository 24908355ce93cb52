import { formatMoney } from '@autodoctor/ui/lib/format';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { QuoteDeciding } from './quote-card.tsx';
import { sentQuote } from './quote-fixture.ts';
import { QuoteList } from './quote-list.tsx';

const deciding: QuoteDeciding = { decide: vi.fn(), pendingQuoteId: null, failure: null };
const HOUR = 3_600_000;

describe('QuoteList', () => {
  it('shows the newest version to decide, and the superseded one readable under earlier versions', async () => {
    const first = sentQuote({ status: 'superseded', closedAt: new Date(Date.now() - HOUR) });
    const second = sentQuote({ id: 'q2', version: 2, note: 'Pads and discs now.' });
    render(<QuoteList quotes={[first, second]} deciding={deciding} />);

    const newest = screen.getByRole('article', { name: 'Quote from Torque & Sons Garage · version 2' });
    expect(within(newest).getByText('Awaiting your decision')).toBeTruthy();
    expect(within(newest).getByRole('form', { name: 'Your decision on version 2' })).toBeTruthy();

    await userEvent.click(screen.getByText('Earlier versions of this quote (1)'));
    const older = screen.getByRole('article', { name: 'Quote from Torque & Sons Garage · version 1' });
    expect(within(older).getByText('Superseded')).toBeTruthy();
    expect(within(older).getByText('Superseded by a newer version')).toBeTruthy();
    expect(within(older).queryByRole('form')).toBeNull();
    expect(within(older).queryAllByRole('radio')).toHaveLength(0);
    // Readable: its lines are all there.
    expect(within(older).getByText('Front brake pads')).toBeTruthy();
  });

  it.each([
    ['expired', 'This quote has expired'],
    ['withdrawn', 'Withdrawn'],
    ['declined', 'Declined'],
  ] as const)('a %s version shows its state and cannot be decided', (status, title) => {
    const quote = sentQuote({
      status,
      closedAt: new Date(),
      decision:
        status === 'declined'
          ? { signatureName: 'Alex Driver', decidedAt: new Date(), approvedTotalCents: 0 }
          : null,
    });
    render(<QuoteList quotes={[quote]} deciding={deciding} />);
    expect(screen.getByText(title, { selector: 'p' })).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button', { name: /approve|decline/i })).toBeNull();
  });

  it('a sent version past its valid-until is shown expired before the API says so', () => {
    render(
      <QuoteList quotes={[sentQuote({ validUntil: new Date(Date.now() - 1000) })]} deciding={deciding} />,
    );
    expect(screen.getByText('This quote has expired')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('an approved version shows each line’s decision, who signed and the approved total', () => {
    const quote = sentQuote({
      status: 'approved',
      decision: { signatureName: 'Alex Driver', decidedAt: new Date(), approvedTotalCents: 24_750 },
    });
    quote.lines = quote.lines.map((line) => ({ ...line, approved: line.id !== 'l3' }));
    render(<QuoteList quotes={[quote]} deciding={deciding} />);
    expect(screen.getByText(/^Approved: /).textContent).toBe(`Approved: ${formatMoney(24_750)}`);
    expect(screen.getByText(/Signed by Alex Driver/).textContent).toContain('not a payment');
    const table = screen.getByRole('table');
    const column = within(table)
      .getAllByRole('columnheader')
      .findIndex((header) => header.textContent === 'Your decision');
    const lineRows = within(table)
      .getAllByRole('row')
      .slice(1, 1 + quote.lines.length);
    // Row headers are the Item column; the cells are the rest.
    const decisions = lineRows.map((row) => within(row).getAllByRole('cell')[column - 1]?.textContent);
    expect(decisions).toEqual(['Approved', 'Approved', 'Declined']);
  });
});
