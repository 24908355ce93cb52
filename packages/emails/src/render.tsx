// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import { MAIL_KINDS, type MailKind, type MailPayloads } from '@autodoctor/session-core/rules';
import { render } from '@react-email/render';
import { MailLayout, type MailFooter } from './layout.tsx';
import { appLinks, type MailContent, type MailLinks, type MailTemplate } from './template.ts';
import { changeEmail, mechanicInvitation, resetPassword, verifyEmail } from './templates/security.tsx';
import { sessionAccepted, sessionEnded, sessionLive } from './templates/sessions.tsx';
import { creditPurchaseReceipt, sessionPaymentReceipt, sessionRefund } from './templates/payments.tsx';
import { quoteApproved, quoteSent } from './templates/quotes.tsx';

/** One template per kind of email (a new `MailKind` fails typecheck here until it has one). */
const TEMPLATES: { [K in MailKind]: MailTemplate<K> } = {
  verify_email: verifyEmail,
  reset_password: resetPassword,
  change_email: changeEmail,
  mechanic_invitation: mechanicInvitation,
  session_accepted: sessionAccepted,
  session_live: sessionLive,
  session_ended: sessionEnded,
  session_refund: sessionRefund,
  session_payment_receipt: sessionPaymentReceipt,
  credit_purchase_receipt: creditPurchaseReceipt,
  quote_sent: quoteSent,
  quote_approved: quoteApproved,
};

/** A message to render: an outbox row's kind and payload. */
export type MailToRender = { [K in MailKind]: { kind: K; payload: MailPayloads[K] } }[MailKind];

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const CATEGORY_REASON = {
  security: 'This is a security email about your AutoDoctor account; it is always sent.',
  receipt: 'This is a record of a payment; receipts are always sent and kept on your account.',
  optional: 'You get this email because these updates are on for your AutoDoctor account.',
} as const;

/**
 * Renders one email in HTML and plain text. `links.appUrl` is the recipient's app (customer or
 * mechanic): the session and receipt links are built from it and the ids in the payload. Optional
 * kinds show an unsubscribe link when `links.unsubscribeUrl` is given.
 */
export async function renderMail(message: MailToRender, links: MailLinks): Promise<RenderedMail> {
  // The union of templates cannot be called with the union of payloads; each pair is checked by TEMPLATES' type.
  const template = TEMPLATES[message.kind] as MailTemplate<MailKind>;
  const content: MailContent = template(message.payload, appLinks(links.appUrl));
  const { category, label } = MAIL_KINDS[message.kind];
  const footer: MailFooter = {
    reason: content.reason ?? CATEGORY_REASON[category],
    ...(category === 'optional' && links.unsubscribeUrl
      ? { unsubscribe: { url: links.unsubscribeUrl, label } }
      : {}),
  };
  const email = (
    <MailLayout preview={content.preview} heading={content.heading} footer={footer}>
      {content.body}
    </MailLayout>
  );
  const [html, text] = await Promise.all([
    render(email),
    render(email, { plainText: true, htmlToTextOptions: PLAIN_TEXT }),
  ]);
  return { subject: content.subject, html, text };
}

// Plain text that reads well (lines left to the reader's client to wrap): headings not shouted in capitals, links as "text (address)", facts as aligned lines.
const PLAIN_TEXT = {
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'a', options: { linkBrackets: ['(', ')'] as [string, string] } },
    {
      selector: '[data-text-format="dataTable"]',
      format: 'dataTable',
      options: { uppercaseHeaderCells: false },
    },
  ],
};
