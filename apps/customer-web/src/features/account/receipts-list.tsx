import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';

/** Every card payment and credit purchase, newest first, each linking to its printable receipt. */
export function ReceiptsList() {
  const trpc = useTRPC();
  const receipts = useInfiniteQuery(
    trpc.customer.receipts.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (receipts.isPending) return <LoadingState label="Loading your receipts…" />;
  if (receipts.isError) {
    return (
      <ErrorState message="Your receipts could not be loaded." onRetry={() => void receipts.refetch()} />
    );
  }
  const items = receipts.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState
        title="No receipts yet"
        description="Each card payment and credit purchase gets a receipt here."
      />
    );
  }
  return (
    <div className="grid gap-3">
      <ul className="grid gap-2" aria-label="Receipts">
        {items.map((receipt) => (
          <li key={`${receipt.kind}:${receipt.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <Link
              to="/account/receipts/$kind/$receiptId"
              params={{ kind: receipt.kind, receiptId: receipt.id }}
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              {formatMoney(receipt.amountCents, receipt.currency)} · {receipt.description}
            </Link>
            <span className="text-sm text-muted-foreground">
              {formatDateTime(receipt.paidAt)}
              {receipt.refundedAt ? ' · refunded' : ''}
            </span>
          </li>
        ))}
      </ul>
      {receipts.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          pending={receipts.isFetchingNextPage}
          onClick={() => void receipts.fetchNextPage()}
        >
          Show older receipts
        </Button>
      ) : null}
    </div>
  );
}
