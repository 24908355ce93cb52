import { CREDIT_PACKS } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';

const REASON_LABEL = {
  grant: 'Credits granted',
  purchase: 'Bought',
  session_debit: 'Spent on a session',
  session_refund: 'Returned (session cancelled or expired)',
} as const;

/** What was bought, spent and returned, when: newest first. */
export function CreditLedger() {
  const trpc = useTRPC();
  const ledger = useInfiniteQuery(
    trpc.customer.creditLedger.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (ledger.isPending) return <LoadingState label="Loading your credit history…" />;
  if (ledger.isError) {
    return (
      <ErrorState message="Your credit history could not be loaded." onRetry={() => void ledger.refetch()} />
    );
  }
  const entries = ledger.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <EmptyState
        title="No credit history yet"
        description="Credits you buy, spend or get back are listed here."
      />
    );
  }
  return (
    <div className="grid gap-3">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Credit history</caption>
        <thead className="text-muted-foreground">
          <tr className="border-b">
            <th scope="col" className="py-2 pr-3 font-medium">
              When
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              What
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Credits
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const pack = CREDIT_PACKS.find((candidate) => candidate.id === entry.packId);
            return (
              <tr key={entry.id} className="border-b last:border-0">
                <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(entry.createdAt)}</td>
                <td className="py-2 pr-3">
                  {REASON_LABEL[entry.reason]}
                  {entry.amountCents !== null && pack
                    ? ` (${formatMoney(entry.amountCents, pack.currency)})`
                    : ''}
                  {entry.creditPurchaseId ? (
                    <>
                      {' · '}
                      <Link
                        to="/account/receipts/$kind/$receiptId"
                        params={{ kind: 'credit_purchase', receiptId: entry.creditPurchaseId }}
                        className="text-primary underline-offset-4 hover:underline"
                      >
                        receipt
                      </Link>
                    </>
                  ) : null}
                  {entry.sessionId ? (
                    <>
                      {' · '}
                      <Link
                        to="/sessions/$sessionId"
                        params={{ sessionId: entry.sessionId }}
                        className="text-primary underline-offset-4 hover:underline"
                      >
                        session
                      </Link>
                    </>
                  ) : null}
                </td>
                <td
                  className={`py-2 text-right font-medium tabular-nums ${entry.delta > 0 ? 'text-success' : ''}`}
                >
                  {entry.delta > 0 ? `+${entry.delta}` : `−${Math.abs(entry.delta)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {ledger.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          pending={ledger.isFetchingNextPage}
          onClick={() => void ledger.fetchNextPage()}
        >
          Show older entries
        </Button>
      ) : null}
    </div>
  );
}
