// The hosted checkout page's HTML: what is being paid, and the Pay and Cancel buttons.
import { escapeHtml, htmlDocument } from './html.ts';
import { formatAmount } from './money.ts';
import type { CheckoutSession } from './stripe-objects.ts';

export function checkoutPage(session: CheckoutSession): string {
  const total = formatAmount(session.amount_total, session.currency);
  const rows = session.line_items.data
    .map(
      (item) => `<tr>
  <td>${escapeHtml(item.description)}</td>
  <td>${item.quantity}</td>
  <td class="amount">${formatAmount(item.amount_total, item.currency)}</td>
</tr>`,
    )
    .join('\n');
  const base = `/checkout/${encodeURIComponent(session.id)}`;
  const email =
    session.customer_email === null ? '' : `<p>Receipt to ${escapeHtml(session.customer_email)}</p>\n`;
  // Like Stripe's back link, Cancel exists only when the caller gave a cancel_url.
  const cancel =
    session.cancel_url === null
      ? ''
      : `\n<form method="post" action="${base}/cancel"><button type="submit">Cancel</button></form>`;
  return htmlDocument(
    `Pay ${total}`,
    `<h1>Pay ${escapeHtml(total)}</h1>
<table>
<caption>Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col" class="amount">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td class="amount">${escapeHtml(total)}</td></tr></tfoot>
</table>
${email}<div class="actions">
<form method="post" action="${base}/pay"><button type="submit" class="primary">Pay</button></form>${cancel}
</div>`,
  );
}

/** Why nothing happened (already paid, expired, unknown), with a way back to the merchant where there is one. */
export function explanationPage(
  title: string,
  message: string,
  back?: { href: string; label: string },
): string {
  const link =
    back === undefined ? '' : `\n<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>`;
  return htmlDocument(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>${link}`);
}
