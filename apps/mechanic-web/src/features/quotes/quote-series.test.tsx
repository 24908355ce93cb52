import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { QuoteView } from './quote-view.ts';
import { groupQuoteSeries, QuoteSeries, type QuoteSeriesActions } from './quote-series.tsx';

const HOUR = 3_600_000;

function quote(patch: Partial<QuoteView> = {}): QuoteView {
  return {
    id: 'q1',
    seriesId: 's1',
    version: 1,
    sessionId: 'session-1',
    status: 'sent',
    currency: 'usd',
    taxRateBps: 1000,
    workshopName: 'Main Street Garage',
    workshopAddress: '1 Main Street',
    note: '',
    validUntil: new Date(Date.now() + 14 * 24 * HOUR),
    subtotalCents: 31600,
    taxCents: 3160,
    totalCents: 34760,
    createdAt: new Date(Date.now() - 2 * HOUR),
    sentAt: new Date(Date.now() - HOUR),
    closedAt: null,
    mechanicName: 'Sam Torque',
    vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    lines: [
      line('l1', 'part', 'Front brake pads', 2000, 4550, null),
      line('l2', 'labour', 'Fit the pads', 1500, 9000, null),
      line('l3', 'part', 'Brake discs', 1000, 9000, null),
    ],
    decision: null,
    ...patch,
  };
}

function line(
  id: string,
  kind: 'part' | 'labour',
  description: string,
  quantityMilli: number,
  unitPriceCents: number,
  approved: boolean | null,
) {
  const amountCents = (quantityMilli * unitPriceCents) / 1000;
  const taxCents = amountCents / 10;
  return {
    id,
    position: Number(id.slice(1)),
    kind,
    description,
    quantityMilli,
    unitPriceCents,
    amountCents,
    taxCents,
    totalCents: amountCents + taxCents,
    approved,
  };
}

function renderSeries(versions: QuoteView[], patch: Partial<QuoteSeriesActions> = {}) {
  const actions: QuoteSeriesActions = {
    onEdit: vi.fn(),
    onSend: vi.fn(() => Promise.resolve()),
    onRevise: vi.fn(() => Promise.resolve()),
    onWithdraw: vi.fn(() => Promise.resolve()),
    onDelete: vi.fn(() => Promise.resolve()),
    busyQuoteId: null,
    canWrite: true,
    ...patch,
  };
  render(<QuoteSeries versions={versions} {...actions} />);
  return actions;
}

describe('QuoteSeries', () => {
  it("shows the customer's decision: which lines, the approved total, the signature", () => {
    const approved = quote({
      status: 'approved',
      closedAt: new Date(),
      lines: [
        line('l1', 'part', 'Front brake pads', 2000, 4550, true),
        line('l2', 'labour', 'Fit the pads', 1500, 9000, true),
        line('l3', 'part', 'Brake discs', 1000, 9000, false),
      ],
      decision: { signatureName: 'Casey Driver', decidedAt: new Date(), approvedTotalCents: 24860 },
    });
    renderSeries([approved]);
    const article = screen.getByRole('article', { name: 'Quote, version 1' });
    expect(article.textContent).toContain('Approved: 2 of 3 lines, $248.60');
    expect(article.textContent).toContain('signed “Casey Driver”');
    const table = within(article).getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows.find((row) => row.textContent.includes('Brake discs'))?.textContent).toContain('Declined');
    expect(rows.find((row) => row.textContent.includes('Approved total'))?.textContent).toContain('$248.60');
    // Decided: nothing left to do to it.
    expect(within(article).queryByRole('button')).toBeNull();
  });

  it('offers Send, Edit and Delete on a draft; Revise and Withdraw on a sent version', async () => {
    const user = userEvent.setup();
    const draft = quote({ id: 'q2', version: 2, status: 'draft', sentAt: null });
    const actions = renderSeries([draft, quote()]);
    const article = screen.getByRole('article', { name: 'Quote, version 2' });
    const current = within(article).getAllByRole('button').slice(0, 3);
    expect(current.map((button) => button.textContent)).toEqual([
      'Send to the customer',
      'Edit draft',
      'Delete draft',
    ]);
    await user.click(within(article).getByRole('button', { name: 'Send to the customer' }));
    expect(actions.onSend).toHaveBeenCalledWith(draft);
    await user.click(within(article).getByRole('button', { name: 'Edit draft' }));
    expect(actions.onEdit).toHaveBeenCalledWith(draft);
    // The earlier, still-sent version can be withdrawn but not revised again (one draft at a time).
    const earlier = within(article).getByRole('list', { name: 'Earlier versions' });
    expect(within(earlier).queryByRole('button', { name: 'Revise' })).toBeNull();
    expect(within(earlier).getByRole('button', { name: 'Withdraw' })).toBeTruthy();
  });

  it('keeps superseded versions readable under "Earlier versions", newest first', () => {
    const series = groupQuoteSeries([
      quote({ id: 'q1', status: 'superseded', closedAt: new Date() }),
      quote({ id: 'q2', version: 2, createdAt: new Date() }),
      quote({ id: 'other', seriesId: 's2', createdAt: new Date(Date.now() - 5 * HOUR) }),
    ]);
    expect(series.map((versions) => versions.map((version) => version.id))).toEqual([
      ['q2', 'q1'],
      ['other'],
    ]);
    renderSeries(series[0]!);
    const earlier = screen.getByRole('list', { name: 'Earlier versions' });
    expect(within(earlier).getByText('Superseded')).toBeTruthy();
    expect(within(earlier).getByRole('table', { name: 'Quote, version 1: lines and totals' })).toBeTruthy();
  });

  it('is read-only once the session is past its quoting window', () => {
    renderSeries([quote({ status: 'draft' })], { canWrite: false });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
