import { mailOutbox } from '@autodoctor/db';
import { inArray } from '@autodoctor/db/orm';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '@autodoctor/mail-catcher';
import { getNotificationPreferences, enqueueMail } from '@autodoctor/session-core';
import { MAIL_KINDS } from '@autodoctor/session-core/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, markVerified, metricOf, outboxRows, resetPasswordMail } from '../testing/mail.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';

// Every instance on this database sends to this catcher (SMTP_URL); the outage test stops it and
// starts it again on the same port.
let catcher: MailCatcher;
let smtpPort: number;
beforeAll(async () => {
  catcher = await startMailCatcher();
  smtpPort = Number(new URL(catcher.smtpUrl).port);
});
afterAll(() => catcher.close());

const MAIL_ENV = () => ({
  SMTP_URL: catcher.smtpUrl,
  MECHANIC_APP_URL: 'http://mechanic.test',
  CUSTOMER_APP_URL: 'http://customer.test',
  // Short waits, so that retries happen within a test; enough tries that none dies in the outage.
  MAIL_POLL_MS: '50',
  MAIL_BACKOFF_BASE_MS: '20',
  MAIL_BACKOFF_CAP_MS: '200',
  MAIL_MAX_ATTEMPTS: '100',
});
const t = useTestApi(MAIL_ENV);

const sentTo = (address: string) => catcher.messages().filter((message) => message.to.includes(address));
const waitSent = (ids: string[]) =>
  waitFor(async () => {
    const rows = await outboxRows(t.database.db, ids);
    return rows.every((row) => row.status === 'sent') && rows;
  }, `${ids.length} message(s) to be sent`);

describe('the mail worker', () => {
  it('delivers a message once over SMTP, with its Message-ID, From, subject and both parts', async () => {
    const customer = await t.customer();
    const id = await enqueue(t.database.db, resetPasswordMail(customer.userId));
    const message = await catcher.waitForMessage((caught) => caught.to.includes(customer.email));
    const [row] = await waitSent([id]);

    expect(message.headers['message-id']).toBe(`<${id}@autodoctor.local>`);
    expect(message.from).toBe('AutoDoctor <no-reply@autodoctor.local>');
    expect(message.subject).toBe('Reset your AutoDoctor password');
    expect(message.text).toContain('http://localhost:5173/reset-password?token=t0k3n');
    expect(message.html).toContain('http://localhost:5173/reset-password?token=t0k3n');
    // Security mail cannot be turned off: no unsubscribe headers.
    expect(message.headers['list-unsubscribe']).toBeUndefined();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, claimedUntil: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(sentTo(customer.email)).toHaveLength(1);
  });

  it("links to the recipient's app: the mechanic app for mechanics", async () => {
    const mechanic = await t.mechanic();
    await markVerified(t.database.db, mechanic.userId);
    const id = await enqueue(t.database.db, {
      kind: 'quote_approved',
      userId: mechanic.userId,
      payload: {
        sessionId: '00000000-0000-4000-8000-000000000001',
        vehicleSummary: '2014 Golf: rattles',
        mechanicName: 'Mike',
        customerName: 'Alice',
        quoteId: '00000000-0000-4000-8000-000000000002',
        version: 1,
        approvedTotalCents: 12_000,
        currency: 'EUR',
      },
    });
    const message = await catcher.waitForMessage((caught) => caught.to.includes(mechanic.email));
    await waitSent([id]);
    expect(message.text).toContain('http://mechanic.test/sessions/00000000-0000-4000-8000-000000000001');
    expect(message.text).toContain('http://mechanic.test/unsubscribe?token=');
  });

  it('gives optional mail one-click unsubscribe headers (RFC 8058) that turn that kind off', async () => {
    const customer = await t.customer();
    await markVerified(t.database.db, customer.userId);
    const sessionLive = (sessionId: string) =>
      ({
        kind: 'session_live',
        userId: customer.userId,
        payload: {
          sessionId,
          vehicleSummary: '2014 Golf: rattles',
          customerName: 'Alice',
          mechanicName: 'Mike',
        },
        dedupeKey: `session_live:${sessionId}:${customer.userId}`,
      }) as const;
    await enqueue(t.database.db, sessionLive('00000000-0000-4000-8000-000000000011'));
    const message = await catcher.waitForMessage((caught) => caught.to.includes(customer.email));

    const listUnsubscribe = message.headers['list-unsubscribe']!;
    expect(listUnsubscribe).toMatch(new RegExp(`^<${t.api.url}/api/unsubscribe\\?token=[^>]+>$`));
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // The page link in the message carries the same token, on the customer app.
    const oneClick = listUnsubscribe.slice(1, -1);
    const token = new URL(oneClick).searchParams.get('token')!;
    expect(message.text).toContain(`http://customer.test/unsubscribe?token=${encodeURIComponent(token)}`);

    const shown = await fetch(oneClick);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({
      kind: 'session_live',
      label: MAIL_KINDS.session_live.label,
      email: `${customer.email[0]}***@${customer.email.split('@')[1]}`,
    });
    // What a mail client does: a POST from its own servers, no cookie, no Origin.
    const clicked = await fetch(oneClick, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.json()).toEqual({
      kind: 'session_live',
      label: MAIL_KINDS.session_live.label,
      unsubscribed: true,
    });
    const preferences = await getNotificationPreferences(t.database.db, customer.userId);
    expect(preferences.email.session_live).toBe(false);
    expect(preferences.email.session_ended).toBe(true);
    // From now on that kind is not even written.
    expect(await enqueueMail(t.database.db, sessionLive('00000000-0000-4000-8000-000000000012'))).toBe(false);
    // Clicking again is fine (idempotent).
    expect((await fetch(oneClick, { method: 'POST' })).status).toBe(200);
  });

  it('sends each message once when two instances race for the same outbox, and counts them in /metrics', async () => {
    const second = await startTestApi(t.database, t.emulator, MAIL_ENV());
    try {
      const counted = () =>
        Promise.all(
          [t.api, second].map((api) =>
            metricOf(api.metricsUrl, 'autodoctor_mail_sent_total', { kind: 'reset_password' }),
          ),
        );
      const before = await counted();
      const customer = await t.customer();
      // One transaction, one NOTIFY: both workers wake at once and claim side by side.
      const ids = await t.database.db.transaction(async (tx) => {
        const written: string[] = [];
        for (let i = 0; i < 40; i++) {
          const dedupeKey = `race:${customer.userId}:${i}`;
          await enqueueMail(tx, {
            ...resetPasswordMail(customer.userId, `http://localhost:5173/reset-password?token=${i}`),
            dedupeKey,
          });
          written.push(dedupeKey);
        }
        return written;
      });
      const rows = await waitFor(async () => {
        const sent = await t.database.db.select().from(mailOutbox).where(inArray(mailOutbox.dedupeKey, ids));
        return sent.length === 40 && sent.every((row) => row.status === 'sent') && sent;
      }, 'the 40 messages to be sent');

      const messageIds = sentTo(customer.email).map(
        (message: CaughtMessage) => message.headers['message-id'],
      );
      expect(messageIds).toHaveLength(40);
      expect(new Set(messageIds)).toEqual(new Set(rows.map((row) => `<${row.id}@autodoctor.local>`)));
      expect(rows.every((row) => row.attempts === 1)).toBe(true);
      const after = await counted();
      expect(after[0]! - before[0]! + (after[1]! - before[1]!)).toBe(40);
    } finally {
      await second.close();
    }
  });

  it('keeps messages pending with backoff while the SMTP server is down, then delivers each once', async () => {
    const customer = await t.customer();
    const failuresBefore = await metricOf(t.api.metricsUrl, 'autodoctor_mail_send_failures_total');
    await catcher.close();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await enqueue(
          t.database.db,
          resetPasswordMail(customer.userId, `http://localhost:5173/r?token=${i}`),
        ),
      );
    }
    // Down for as long as it takes every message to fail three times: retried, none given up.
    const failing = await waitFor(async () => {
      const rows = await outboxRows(t.database.db, ids);
      return rows.every((row) => row.attempts >= 3 && row.lastError !== null) && rows;
    }, 'every message to have failed three times');
    for (const row of failing) {
      expect(row.status).toBe('pending');
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    }
    expect(await metricOf(t.api.metricsUrl, 'autodoctor_mail_outbox_pending')).toBeGreaterThanOrEqual(5);
    expect(await metricOf(t.api.metricsUrl, 'autodoctor_mail_outbox_oldest_pending_seconds')).toBeGreaterThan(
      0,
    );
    expect(await metricOf(t.api.metricsUrl, 'autodoctor_mail_send_failures_total')).toBeGreaterThanOrEqual(
      failuresBefore + 15,
    );

    catcher = await startMailCatcher({ smtpPort });
    const sent = await waitSent(ids);
    expect(sent.every((row) => row.lastError === null)).toBe(true);
    const messageIds = sentTo(customer.email).map((message) => message.headers['message-id']);
    expect(messageIds.sort()).toEqual(ids.map((id) => `<${id}@autodoctor.local>`).sort());
    expect(await metricOf(t.api.metricsUrl, 'autodoctor_mail_outbox_pending')).toBe(0);
    expect(await metricOf(t.api.metricsUrl, 'autodoctor_mail_outbox_oldest_pending_seconds')).toBe(0);
  });
});
