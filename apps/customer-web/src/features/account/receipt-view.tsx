import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import type { ReactNode } from 'react';

/** A receipt as the API gives it (`customer.receipt`). */
export interface ReceiptData {
  kind: 'card_payment' | 'credit_purchase';
  id: string;
  description: string;
  amountCents: number;
  currency: string;
  paidAt: Date;
  paymentReference: string;
  refundedAt: Date | null;
}

const KIND_TITLE = {
  card_payment: 'Card payment for a session',
  credit_purchase: 'Credit purchase',
} as const;

/**
 * One receipt: who was paid, by whom, what, how much, when, and the payment's reference. It is
 * the only thing printed (`data-print-receipt`, see styles.css); `actions` are left out on paper.
 */
export function ReceiptView({
  receipt,
  customer,
  actions,
}: {
  receipt: ReceiptData;
  customer: { name: string; email: string };
  actions?: ReactNode;
}) {
  const facts: [string, ReactNode][] = [
    ['What', receipt.description],
    ['Amount', formatMoney(receipt.amountCents, receipt.currency)],
    ['Date', formatDateTime(receipt.paidAt)],
    ['Payment reference', <span className="font-mono break-all">{receipt.paymentReference}</span>],
    ['Paid by', `${customer.name} (${customer.email})`],
  ];
  if (receipt.refundedAt) facts.push(['Refunded', `to your card on ${formatDateTime(receipt.refundedAt)}`]);
  return (
    <article
      aria-labelledby="receipt-heading"
      data-print-receipt=""
      className="grid gap-5 rounded-xl border bg-card p-6 print:border-0 print:p-0"
    >
      <header className="grid gap-1">
        <p className="text-sm font-semibold text-primary">AutoDoctor · remote car repair advice</p>
        <h1 id="receipt-heading" className="text-2xl font-semibold">
          Receipt
        </h1>
        <p className="text-muted-foreground">{KIND_TITLE[receipt.kind]}</p>
      </header>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[auto_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      {actions ? <div className="flex flex-wrap gap-2 print:hidden">{actions}</div> : null}
    </article>
  );
}
