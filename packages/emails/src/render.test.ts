import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAIL_KIND_VALUES, MAIL_KINDS, type MailKind } from '@autodoctor/session-core/rules';
import { BRAND_COLORS } from '@autodoctor/ui/lib/brand-colors';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PAYLOADS } from './fixtures.ts';
import { renderMail, type MailToRender } from './index.ts';

const appUrl = 'https://app.autodoctor.test/';
const unsubscribeUrl = 'https://app.autodoctor.test/unsubscribe?token=tok';
const sessionLink = 'https://app.autodoctor.test/sessions/3f1c2a9e-5b7d-4c11-9a0e-8d2f6b4c7e10';

const sample = <K extends MailKind>(kind: K) => ({ kind, payload: SAMPLE_PAYLOADS[kind] }) as MailToRender;

/** The facts each kind must state, in the HTML and in the plain text alike. */
const KEY_FACTS: Record<MailKind, readonly string[]> = {
  verify_email: ['Alice Martin', 'https://app.autodoctor.test/verify-email?token=abc123'],
  reset_password: ['Alice Martin', 'https://app.autodoctor.test/reset-password?token=def456'],
  change_email: ['alice.new@example.com', 'https://app.autodoctor.test/verify-email?token=ghi789'],
  mechanic_invitation: ['Mike Turner', 'token=jkl012', 'Dec 14, 2026, 9:30 AM UTC'],
  session_accepted: ['Mike Turner accepted your session', '2017 Toyota Corolla', sessionLink],
  session_live: ['Mike Turner', 'is live', sessionLink],
  session_ended: ['27 minutes', '18', 'Mike Turner', 'Dec 7, 2026, 9:29 AM UTC', sessionLink],
  session_refund: ['$29.00', 'refunded to your card', sessionLink],
  session_payment_receipt: [
    '$29.00',
    'pi_3QxA7b2eZvKYlo2C1x9Yt4Lm',
    'Dec 7, 2026, 8:58 AM UTC',
    'https://app.autodoctor.test/account/receipts/card_payment/3f1c2a9e-5b7d-4c11-9a0e-8d2f6b4c7e10',
  ],
  credit_purchase_receipt: [
    '5 credits',
    '$125.00',
    'pi_3QxA1c2eZvKYlo2C0k3Pq8Rs',
    'https://app.autodoctor.test/account/receipts/credit_purchase/7a0d4e2b-1c9f-4b3a-8e6d-2f5c1b0a9d84',
  ],
  quote_sent: ['Mike Turner', '$384.50', 'Dec 21, 2026', sessionLink],
  quote_approved: ['Alice Martin approved', '$312.00', sessionLink],
};

/** The text of the HTML as a reader sees it (entities decoded, React's text-node separators dropped). */
const decoded = (html: string) =>
  html
    .replaceAll('<!-- -->', '')
    .replaceAll('&amp;', '&')
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&#x2F;', '/');

describe('renderMail', () => {
  it.each(MAIL_KIND_VALUES)('renders %s with its subject, facts and links in HTML and text', async (kind) => {
    const mail = await renderMail(sample(kind), { appUrl, unsubscribeUrl });
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.html).toMatch(/<html[^>]* lang="en"/);
    for (const fact of KEY_FACTS[kind]) {
      expect(decoded(mail.html)).toContain(fact);
      expect(mail.text).toContain(fact);
    }
    for (const part of [mail.subject, mail.html, mail.text]) {
      expect(part).not.toMatch(/undefined|NaN|\[object Object\]|\bnull\b/);
    }
    // The text part reads as text: no markup, the links written out.
    expect(mail.text).not.toMatch(/<[a-z]/i);
  });

  it('offers an unsubscribe link on optional kinds only, and only when given one', async () => {
    for (const kind of MAIL_KIND_VALUES) {
      const withLink = await renderMail(sample(kind), { appUrl, unsubscribeUrl });
      const optional = MAIL_KINDS[kind].category === 'optional';
      expect(decoded(withLink.html).includes(unsubscribeUrl), kind).toBe(optional);
      expect(withLink.text.includes(unsubscribeUrl), kind).toBe(optional);
      if (optional) expect(withLink.text).toContain(`Turn off “${MAIL_KINDS[kind].label}” emails`);
      const without = await renderMail(sample(kind), { appUrl });
      expect(without.html).not.toContain('unsubscribe');
    }
  });

  it('escapes hostile names in the HTML and keeps the subject on one line', async () => {
    const hostile = '<script>alert(1)</script>\r\nBcc: victim@example.com';
    const mail = await renderMail(
      { kind: 'session_accepted', payload: { ...SAMPLE_PAYLOADS.session_accepted, mechanicName: hostile } },
      { appUrl },
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('<script>alert(1)</script> Bcc: victim@example.com accepted');
  });

  it('says a credit refund in credits, not money', async () => {
    const mail = await renderMail(
      {
        kind: 'session_refund',
        payload: { ...SAMPLE_PAYLOADS.session_refund, amountCents: null, currency: null, credits: 1 },
      },
      { appUrl },
    );
    expect(mail.subject).toBe('1 credit back for your session');
    expect(mail.text).toContain('the 1 credit it used is back on your balance');
    expect(mail.text).not.toContain('$');
  });

  it('leaves out what a session that never went live does not have', async () => {
    const mail = await renderMail(
      {
        kind: 'session_ended',
        payload: {
          ...SAMPLE_PAYLOADS.session_ended,
          mechanicName: null,
          startedAt: null,
          durationMinutes: null,
        },
      },
      { appUrl },
    );
    expect(mail.text).not.toMatch(/Duration|Started|Mechanic/);
    expect(mail.text).toContain('Messages');
  });
});

describe('the email colours', () => {
  it('are the apps’ design tokens (packages/ui styles.css), converted to hex', () => {
    const css = readFileSync(fileURLToPath(import.meta.resolve('@autodoctor/ui/styles.css')), 'utf8');
    for (const [token, hex] of Object.entries(BRAND_COLORS)) {
      const match = new RegExp(`--${token}:\\s*oklch\\(([\\d.]+) ([\\d.]+) ([\\d.]+)\\)`).exec(css);
      expect(match, token).not.toBeNull();
      const [l, c, h] = match!.slice(1).map(Number) as [number, number, number];
      expect(oklchToHex(l, c, h), token).toBe(hex);
    }
  });
});

/** OKLCH → sRGB hex (Björn Ottosson's OKLab matrices), clamped to the gamut. */
function oklchToHex(lightness: number, chroma: number, hue: number): string {
  const a = chroma * Math.cos((hue * Math.PI) / 180);
  const b = chroma * Math.sin((hue * Math.PI) / 180);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return `#${linear
    .map((x) => {
      const srgb = x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
      return Math.round(Math.min(1, Math.max(0, srgb)) * 255)
        .toString(16)
        .padStart(2, '0');
    })
    .join('')}`;
}
