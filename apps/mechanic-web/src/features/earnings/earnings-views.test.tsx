import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EarningLineView, RatingView } from './earnings-types.ts';
import { EarningLines, EarningsTotals, Ratings } from './earnings-views.tsx';

const base = { currency: 'usd', createdAt: new Date(2026, 11, 5, 10), reference: null };
const LINES: EarningLineView[] = [
  {
    ...base,
    id: 3,
    kind: 'payout',
    amountCents: -5000,
    sessionId: null,
    quoteId: null,
    quoteVersion: null,
    basisCents: null,
    rateBps: null,
    reference: 'BANK-42',
    label: 'Payout BANK-42',
  },
  {
    ...base,
    id: 2,
    kind: 'quote_bonus',
    amountCents: 1243,
    sessionId: 'session-1',
    quoteId: 'quote-1',
    quoteVersion: 1,
    basisCents: 24860,
    rateBps: 500,
    label: '2017 Honda Civic',
  },
  {
    ...base,
    id: 1,
    kind: 'referral_fee',
    amountCents: 90,
    sessionId: 'session-1',
    quoteId: null,
    quoteVersion: null,
    basisCents: 4500,
    rateBps: 200,
    label: '2017 Honda Civic',
  },
];

const linkTo = (line: EarningLineView & { sessionId: string }, children: React.ReactNode) => (
  <a href={`/sessions/${line.sessionId}${line.quoteId ? `#quote-version-${line.quoteId}` : ''}`}>
    {children}
  </a>
);

describe('the earnings page', () => {
  it('shows the balance, this month and last month', () => {
    render(
      <EarningsTotals
        summary={{
          currency: 'usd',
          balanceCents: -3667,
          thisMonthCents: 1333,
          lastMonthCents: 0,
          ratingAverage: null,
          ratingCount: 0,
        }}
      />,
    );
    const figures = screen.getByRole('group', { name: 'Your earnings' });
    expect(figures.textContent).toContain('Balance-$36.67');
    expect(figures.textContent).toContain('This month$13.33');
    expect(figures.textContent).toContain('Last month$0.00');
  });

  it('links each line to its session, a bonus to its quote, and says how it was computed', async () => {
    const onLoadMore = vi.fn();
    render(
      <EarningLines lines={LINES} sessionLink={linkTo} hasMore loadingMore={false} onLoadMore={onLoadMore} />,
    );
    const items = within(screen.getByRole('list', { name: 'Earnings lines' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Payout'),
      expect.stringContaining('Quote bonus · 2017 Honda Civic, quote version 1'),
      expect.stringContaining('Referral fee · 2017 Honda Civic'),
    ]);
    expect(items[0]!.textContent).toContain('reference BANK-42');
    expect(items[0]!.textContent).toContain('-$50.00');
    expect(within(items[0]!).queryByRole('link')).toBeNull();
    expect(items[1]!.textContent).toContain('5 % of the approved $248.60');
    expect(within(items[1]!).getByRole('link').getAttribute('href')).toBe(
      '/sessions/session-1#quote-version-quote-1',
    );
    expect(items[2]!.textContent).toContain('2 % of $45.00');
    expect(items[2]!.textContent).toContain('$0.90');
    expect(within(items[2]!).getByRole('link').getAttribute('href')).toBe('/sessions/session-1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show older lines' }));
    expect(onLoadMore).toHaveBeenCalled();
  });

  it('says what will be listed before the first line and the first rating', () => {
    render(
      <>
        <EarningLines
          lines={[]}
          sessionLink={linkTo}
          hasMore={false}
          loadingMore={false}
          onLoadMore={vi.fn()}
        />
        <Ratings
          ratings={[]}
          average={null}
          count={0}
          hasMore={false}
          loadingMore={false}
          onLoadMore={vi.fn()}
        />
      </>,
    );
    expect(screen.getByText('No earnings yet')).toBeTruthy();
    expect(screen.getByText('No ratings yet')).toBeTruthy();
  });

  it('shows the ratings and their average', () => {
    const rating = (stars: number, comment: string, sessionId: string): RatingView => ({
      sessionId,
      stars,
      comment,
      createdAt: new Date(),
      updatedAt: new Date(),
      changeableUntil: new Date(),
      vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    });
    render(
      <Ratings
        ratings={[rating(5, 'Clear and quick', 'a'), rating(4, '', 'b')]}
        average={4.5}
        count={2}
        hasMore={false}
        loadingMore={false}
        onLoadMore={vi.fn()}
      />,
    );
    expect(screen.getByText(/out of 5, from 2 ratings/).textContent).toContain('4.5');
    const list = screen.getByRole('list', { name: 'Ratings' });
    expect(within(list).getByRole('img', { name: '5 of 5 stars' })).toBeTruthy();
    expect(within(list).getByRole('img', { name: '4 of 5 stars' })).toBeTruthy();
    expect(within(list).getByText('Clear and quick')).toBeTruthy();
  });
});
