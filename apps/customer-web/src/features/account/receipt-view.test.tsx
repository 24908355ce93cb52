import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReceiptView, type ReceiptData } from './receipt-view.tsx';

const receipt: ReceiptData = {
  kind: 'card_payment',
  id: '3f1c2a9e-5b7d-4c11-9a0e-8d2f6b4c7e10',
  description: 'Remote consultation: 2017 Toyota Corolla: squeal from the brakes',
  amountCents: 2900,
  currency: 'usd',
  paidAt: new Date('2026-12-07T08:58:00Z'),
  paymentReference: 'cs_test_a1B2c3',
  refundedAt: null,
};
const customer = { name: 'Alice Martin', email: 'alice@example.test' };

/** The value a receipt shows for one label (its `dt`/`dd` pair). */
const factOf = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('ReceiptView', () => {
  it('states what, how much, when, the payment reference and who paid, as the printed receipt', () => {
    render(
      <ReceiptView
        receipt={receipt}
        customer={customer}
        actions={<button type="button">Print this receipt</button>}
      />,
    );
    const article = screen.getByRole('article', { name: 'Receipt' });
    expect(article.hasAttribute('data-print-receipt')).toBe(true);
    expect(within(article).getByText('Card payment for a session')).toBeTruthy();
    expect(factOf('What')).toBe(receipt.description);
    expect(factOf('Amount')).toBe(formatMoney(2900, 'usd'));
    expect(factOf('Date')).toBe(formatDateTime(receipt.paidAt));
    expect(factOf('Payment reference')).toBe('cs_test_a1B2c3');
    expect(factOf('Paid by')).toBe('Alice Martin (alice@example.test)');
    expect(screen.queryByText('Refunded')).toBeNull();
    // The buttons are not printed.
    expect(screen.getByRole('button', { name: 'Print this receipt' }).parentElement?.className).toContain(
      'print:hidden',
    );
  });

  it('says when a card payment was refunded', () => {
    const refundedAt = new Date('2026-12-08T10:00:00Z');
    render(<ReceiptView receipt={{ ...receipt, refundedAt }} customer={customer} />);
    expect(factOf('Refunded')).toBe(`to your card on ${formatDateTime(refundedAt)}`);
  });
});
