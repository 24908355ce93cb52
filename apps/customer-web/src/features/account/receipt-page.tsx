import { apiErrorInfo, isMissing } from '@autodoctor/api-client/api-error';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { RECEIPT_KIND_VALUES, type ReceiptKind } from '@autodoctor/session-core/rules';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useRouteContext } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';
import { ReceiptView } from './receipt-view.tsx';

const isReceiptKind = (kind: string): kind is ReceiptKind =>
  (RECEIPT_KIND_VALUES as readonly string[]).includes(kind);

/** `/account/receipts/$kind/$receiptId`: one receipt, printable (linked from the emails and the account page). */
export function ReceiptPage() {
  const { kind, receiptId } = useParams({ from: '/signed-in/account/receipts/$kind/$receiptId' });
  if (!isReceiptKind(kind)) return <ReceiptNotFound />;
  return <LoadedReceipt kind={kind} id={receiptId} />;
}

function LoadedReceipt({ kind, id }: { kind: ReceiptKind; id: string }) {
  const trpc = useTRPC();
  const { user } = useRouteContext({ from: '/signed-in' });
  const receipt = useQuery(trpc.customer.receipt.queryOptions({ kind, id }, { retry: false }));
  if (receipt.isPending) return <LoadingState label="Loading the receipt…" />;
  if (receipt.isError) {
    const info = apiErrorInfo(receipt.error);
    if (isMissing(info)) return <ReceiptNotFound />;
    return <ErrorState message={info.message} onRetry={() => void receipt.refetch()} />;
  }
  return (
    <ReceiptView
      receipt={receipt.data}
      customer={user}
      actions={
        <>
          <Button onClick={() => window.print()}>Print this receipt</Button>
          <Button variant="outline" asChild>
            <Link to="/account">Back to your account</Link>
          </Button>
        </>
      }
    />
  );
}

function ReceiptNotFound() {
  return (
    <EmptyState
      title="Receipt not found"
      description="There is no receipt of yours at this address. Your receipts are listed on your account page."
      action={
        <Button asChild>
          <Link to="/account">Go to your account</Link>
        </Button>
      }
    />
  );
}
