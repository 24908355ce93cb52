import { CREDIT_PACKS, type CreditPackId } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useTRPC } from '../../app/trpc.ts';

/** The credit packs, each bought by card on Stripe's Checkout page. */
export function CreditPacks() {
  const trpc = useTRPC();
  const buy = useMutation(trpc.customer.buyCredits.mutationOptions());
  const [buying, setBuying] = useState<CreditPackId | null>(null);
  async function buyPack(packId: CreditPackId) {
    setBuying(packId);
    try {
      const { checkoutUrl } = await buy.mutateAsync({ packId });
      window.location.assign(checkoutUrl);
    } catch {
      setBuying(null);
    }
  }
  return (
    <div className="grid gap-3">
      {buy.isError ? (
        <Alert title="Could not open the payment page">{apiErrorInfo(buy.error).message}</Alert>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-3" aria-label="Credit packs">
        {CREDIT_PACKS.map((pack) => (
          <li key={pack.id} className="grid gap-2 rounded-lg border bg-card p-4">
            <p className="text-lg font-semibold">{pack.credits} credits</p>
            <p className="text-sm text-muted-foreground">
              {formatMoney(pack.amountCents, pack.currency)} ·{' '}
              {formatMoney(pack.amountCents / pack.credits, pack.currency)} per session
            </p>
            <Button
              onClick={() => void buyPack(pack.id)}
              pending={buying === pack.id}
              disabled={buying !== null}
              aria-label={`Buy ${pack.credits} credits for ${formatMoney(pack.amountCents, pack.currency)}`}
            >
              Buy
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
