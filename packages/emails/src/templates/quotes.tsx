// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import { sessionPath } from '@autodoctor/session-core/rules';
import { Action, Facts, Paragraph } from '../layout.tsx';
import { formatDateTimeUtc, formatMoney, subjectLine } from '../format.ts';
import type { MailTemplate } from '../template.ts';

export const quoteSent: MailTemplate<'quote_sent'> = (payload, app) => {
  const total = formatMoney(payload.totalCents, payload.currency);
  return {
    subject: subjectLine(`${payload.mechanicName} sent you a repair quote: ${total}`),
    preview: `A repair quote for ${payload.vehicleSummary}, valid until ${formatDateTimeUtc(payload.validUntil)}.`,
    heading: 'A repair quote for you',
    body: (
      <>
        <Paragraph>Hi {payload.customerName},</Paragraph>
        <Paragraph>
          {payload.mechanicName} sent you a repair quote for “{payload.vehicleSummary}”. Read its lines and
          approve the ones you want on the session page.
        </Paragraph>
        <Facts
          rows={[
            ['Total', total],
            ['Version', String(payload.version)],
            ['Valid until', formatDateTimeUtc(payload.validUntil)],
          ]}
        />
        <Action href={app.to(sessionPath(payload.sessionId))}>Review the quote</Action>
      </>
    ),
  };
};

export const quoteApproved: MailTemplate<'quote_approved'> = (payload, app) => {
  const total = formatMoney(payload.approvedTotalCents, payload.currency);
  return {
    subject: subjectLine(`${payload.customerName} approved your quote: ${total}`),
    preview: `Approved for ${payload.vehicleSummary}.`,
    heading: 'Your quote was approved',
    body: (
      <>
        <Paragraph>Hi {payload.mechanicName},</Paragraph>
        <Paragraph>
          {payload.customerName} approved version {payload.version} of your quote for “
          {payload.vehicleSummary}”.
        </Paragraph>
        <Facts
          rows={[
            ['Approved total', total],
            ['Version', String(payload.version)],
          ]}
        />
        <Action href={app.to(sessionPath(payload.sessionId))}>Open the session</Action>
      </>
    ),
  };
};
