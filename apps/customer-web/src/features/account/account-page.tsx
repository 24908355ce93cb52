import { AccountNav } from '@autodoctor/app-shell/account-nav';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@autodoctor/ui/card';
import { useQuery } from '@tanstack/react-query';
import { useRouteContext } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';
import { ACCOUNT_LINKS } from './account-links.ts';
import { CreditLedger } from './credit-ledger.tsx';
import { CreditPacks } from './credit-packs.tsx';
import { ReceiptsList } from './receipts-list.tsx';

export function AccountPage() {
  const trpc = useTRPC();
  const { user } = useRouteContext({ from: '/signed-in' });
  const balance = useQuery(trpc.customer.creditBalance.queryOptions());
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="text-muted-foreground">
          {user.name} · {user.email}
        </p>
      </div>
      <AccountNav links={ACCOUNT_LINKS} />
      <Card>
        <CardHeader>
          <CardTitle>Credits</CardTitle>
          <CardDescription>One credit pays for one session.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <p className="text-lg" role="status" aria-label="Credit balance">
            Balance:{' '}
            <span className="font-semibold">
              {balance.data
                ? `${balance.data.credits} ${balance.data.credits === 1 ? 'credit' : 'credits'}`
                : '…'}
            </span>
          </p>
          <CreditPacks />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Credit history</CardTitle>
        </CardHeader>
        <CardContent>
          <CreditLedger />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Receipts</CardTitle>
          <CardDescription>
            Card payments and credit purchases, each with a printable receipt.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ReceiptsList />
        </CardContent>
      </Card>
    </div>
  );
}
