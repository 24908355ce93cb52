import { startMailCatcher } from '@autodoctor/mail-catcher';
import { describe, expect, it } from 'vitest';
import { enqueue, metricOf, outboxRows, resetPasswordMail } from '../testing/mail.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';

// The test API has no SMTP_URL (as in production before it is set); the other instances here do.
const t = useTestApi();

const waitStatus = (id: string, status: 'sent' | 'dead') =>
  waitFor(async () => {
    const [row] = await outboxRows(t.database.db, [id]);
    return row?.status === status && row;
  }, `message ${id} to be ${status}`);

describe('the mail worker', () => {
  it('without SMTP_URL sends nothing and leaves the message as it was, for an instance that can', async () => {
    const customer = await t.customer();
    const id = await enqueue(t.database.db, resetPasswordMail(customer.userId));
    expect(await t.api.mail.run()).toBe(0);
    expect(await outboxRows(t.database.db, [id])).toMatchObject([
      { status: 'pending', attempts: 0, lastError: null },
    ]);

    const catcher = await startMailCatcher();
    const sender = await startTestApi(t.database, t.emulator, { SMTP_URL: catcher.smtpUrl });
    try {
      await waitStatus(id, 'sent');
      expect(catcher.messages().map((message) => message.headers['message-id'])).toEqual([
        `<${id}@autodoctor.local>`,
      ]);
    } finally {
      await sender.close();
      await catcher.close();
    }
  });

  it('gives up at once on a permanent refusal (SMTP 5xx), and after MAIL_MAX_ATTEMPTS tries otherwise', async () => {
    // A relay that takes at most 4 KB: a larger message is refused with 552 (the catcher's SIZE limit).
    const catcher = await startMailCatcher({ maxMessageBytes: 4096 });
    const sender = await startTestApi(t.database, t.emulator, {
      SMTP_URL: catcher.smtpUrl.replace('smtp://', 'smtp://relay-user:s3cret-relay-password@'),
      MAIL_POLL_MS: '50',
      MAIL_BACKOFF_BASE_MS: '10',
      MAIL_BACKOFF_CAP_MS: '50',
      MAIL_MAX_ATTEMPTS: '3',
    });
    try {
      const customer = await t.customer();
      const deadBefore = await metricOf(sender.metricsUrl, 'autodoctor_mail_outbox_dead');
      const huge = await enqueue(
        t.database.db,
        resetPasswordMail(customer.userId, `http://localhost:5173/reset-password?token=${'x'.repeat(8000)}`),
      );
      const refused = await waitStatus(huge, 'dead');
      expect(refused.attempts).toBe(1);
      expect(refused.lastError).toMatch(/552/);
      expect(catcher.messages()).toEqual([]);

      await catcher.close();
      const unreachable = await enqueue(t.database.db, resetPasswordMail(customer.userId));
      const gaveUp = await waitStatus(unreachable, 'dead');
      expect(gaveUp.attempts).toBe(3);
      expect(gaveUp.lastError).toMatch(/ECONNREFUSED|connect/i);
      for (const row of [refused, gaveUp]) expect(row.lastError).not.toContain('s3cret');
      expect(await metricOf(sender.metricsUrl, 'autodoctor_mail_outbox_dead')).toBe(deadBefore + 2);
      expect(
        await metricOf(sender.metricsUrl, 'autodoctor_mail_send_failures_total', { kind: 'reset_password' }),
      ).toBe(4);
      // Dead is final: nothing claims it again.
      expect(await sender.mail.run()).toBe(0);
      expect(await outboxRows(t.database.db, [unreachable])).toMatchObject([{ status: 'dead', attempts: 3 }]);
    } finally {
      await sender.close();
      await catcher.close().catch(() => {});
    }
  });
});
