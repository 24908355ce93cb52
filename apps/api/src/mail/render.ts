// What the mail worker needs from a template library: `renderMail` of @autodoctor/emails has
// exactly this shape (issue 23's contract), so it can be passed as it is.
import { MAIL_KINDS, type MailKind, type MailPayloads } from '@autodoctor/session-core/rules';

/** One outbox message's template data, as written by session-core's `enqueueMail`. */
export type MailToRender = { [K in MailKind]: { kind: K; payload: MailPayloads[K] } }[MailKind];

export interface MailLinks {
  /** The recipient's app: the customer app for customers, the mechanic app for mechanics. */
  appUrl: string;
  /** Optional kinds only: the app's page that turns this kind off (`unsubscribe-token.ts`). */
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export type RenderMail = (message: MailToRender, links: MailLinks) => Promise<RenderedMail>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/**
 * A plain rendering of any message: the kind's label as the subject, the payload's facts as
 * lines, the app and unsubscribe links. What the API sends until the product's templates
 * (@autodoctor/emails' `renderMail`) are passed to `startApiServer`, and what the mail worker's
 * tests render with (they test delivery, not templates).
 */
export const plainRenderMail: RenderMail = (message, links) => {
  const facts = Object.entries(message.payload as Record<string, unknown>).map(
    ([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  const lines = [
    ...facts,
    '',
    `AutoDoctor: ${links.appUrl}`,
    ...(links.unsubscribeUrl ? [`Turn these emails off: ${links.unsubscribeUrl}`] : []),
  ];
  return Promise.resolve({
    subject: MAIL_KINDS[message.kind].label,
    text: lines.join('\n'),
    html: `<!doctype html><html><body>${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
  });
};
