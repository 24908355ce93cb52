// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import { receiptPath, sessionPath } from '@autodoctor/session-core/rules';
import { Action, Facts, Note, Paragraph } from '../layout.tsx';
import { formatCredits, formatDateTimeUtc, formatMoney, subjectLine } from '../format.ts';
import type { MailTemplate } from '../template.ts';

export const sessionRefund: MailTemplate<'session_refund'> = (payload, app) => {
  const card = payload.amountCents !== null;
  const what = card
    ? formatMoney(payload.amountCents ?? 0, payload.currency)
    : formatCredits(payload.credits ?? 1);
  return {
    subject: subjectLine(card ? `Refund of ${what} for your session` : `${what} back for your session`),
    preview: card ? `${what} is on its way back to your card.` : `${what} back on your balance.`,
    heading: card ? `We refunded ${what}` : `${what} back on your balance`,
    body: (
      <>
        <Paragraph>Hi {payload.customerName},</Paragraph>
        <Paragraph>
          {card
            ? `Your session about “${payload.vehicleSummary}” ended before a mechanic took it, so its payment of ${what} is refunded to your card.`
            : `Your session about “${payload.vehicleSummary}” ended before a mechanic took it, so the ${what} it used ${payload.credits === 1 ? 'is' : 'are'} back on your balance.`}
        </Paragraph>
        <Facts
          rows={[
            ['Refund', what],
            ['Session', payload.vehicleSummary],
          ]}
        />
        {card ? <Note>Card refunds can take a few working days to show on your statement.</Note> : null}
        <Action href={app.to(sessionPath(payload.sessionId))}>See the session</Action>
      </>
    ),
    reason: 'You get this email as a record of a refund; refunds are always sent.',
  };
};

export const sessionPaymentReceipt: MailTemplate<'session_payment_receipt'> = (payload, app) => {
  const amount = formatMoney(payload.amountCents, payload.currency);
  return {
    subject: subjectLine(`Your AutoDoctor receipt: ${amount}`),
    preview: `Receipt for your session about ${payload.vehicleSummary}.`,
    heading: 'Thanks for your payment',
    body: (
      <>
        <Paragraph>Hi {payload.customerName},</Paragraph>
        <Paragraph>Here is your receipt for a remote consultation paid by card.</Paragraph>
        <Facts
          rows={[
            ['For', `Remote consultation: ${payload.vehicleSummary}`],
            ['Amount', amount],
            ['Date', formatDateTimeUtc(payload.paidAt)],
            ['Payment reference', payload.paymentReference],
          ]}
        />
        <Action href={app.to(receiptPath('card_payment', payload.sessionId))}>
          View or print the receipt
        </Action>
      </>
    ),
    reason:
      'You get this email as a receipt for a payment; receipts are always sent and kept on your account.',
  };
};

export const creditPurchaseReceipt: MailTemplate<'credit_purchase_receipt'> = (payload, app) => {
  const amount = formatMoney(payload.amountCents, payload.currency);
  const credits = formatCredits(payload.credits);
  return {
    subject: subjectLine(`Your AutoDoctor receipt: ${credits} for ${amount}`),
    preview: `${credits} added to your balance.`,
    heading: 'Thanks for your purchase',
    body: (
      <>
        <Paragraph>Hi {payload.customerName},</Paragraph>
        <Paragraph>{credits} are now on your balance, ready for your next sessions.</Paragraph>
        <Facts
          rows={[
            ['For', `${credits} (AutoDoctor sessions)`],
            ['Amount', amount],
            ['Date', formatDateTimeUtc(payload.paidAt)],
            ['Payment reference', payload.paymentReference],
          ]}
        />
        <Action href={app.to(receiptPath('credit_purchase', payload.purchaseId))}>
          View or print the receipt
        </Action>
      </>
    ),
    reason:
      'You get this email as a receipt for a payment; receipts are always sent and kept on your account.',
  };
};
