import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from './index.ts';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ maxMessages: 3, maxMessageBytes: 64 * 1024 });
});
afterAll(() => catcher.close());
afterEach(async () => {
  await fetch(`${catcher.inboxUrl}/api/messages`, { method: 'DELETE' });
});

function send(mail: SendMailOptions, smtpUrl = catcher.smtpUrl) {
  const transport = nodemailer.createTransport(smtpUrl);
  return transport
    .sendMail({ from: 'AutoDoctor <no-reply@autodoctor.local>', ...mail })
    .finally(() => transport.close());
}

async function listed(): Promise<CaughtMessage[]> {
  const response = await fetch(`${catcher.inboxUrl}/api/messages`);
  expect(response.status).toBe(200);
  return (await response.json()) as CaughtMessage[];
}

describe('mail catcher', () => {
  it('keeps what nodemailer sends over SMTP and lists it as JSON, with both parts and the headers', async () => {
    await send({
      to: 'Alice <alice@example.com>',
      bcc: 'audit@example.com',
      subject: 'Your session was accepted',
      text: 'Mike accepted your session.',
      html: '<p>Mike accepted <b>your session</b>.</p>',
      messageId: '<42@autodoctor.local>',
      headers: { 'List-Unsubscribe': '<https://api.example/unsubscribe?token=a%2Bb>' },
    });
    const [message, ...rest] = await listed();
    expect(rest).toEqual([]);
    expect(message?.id).toMatch(/^\d+$/);
    expect(message).toMatchObject({
      to: ['alice@example.com', 'audit@example.com'],
      from: 'AutoDoctor <no-reply@autodoctor.local>',
      subject: 'Your session was accepted',
      text: 'Mike accepted your session.',
      html: '<p>Mike accepted <b>your session</b>.</p>',
    });
    expect(new Date(message!.date).getTime()).not.toBeNaN();
    expect(message!.headers['message-id']).toBe('<42@autodoctor.local>');
    expect(message!.headers['list-unsubscribe']).toBe('<https://api.example/unsubscribe?token=a%2Bb>');
    expect(message!.headers.bcc).toBeUndefined();

    const one = await fetch(`${catcher.inboxUrl}/api/messages/${message!.id}`);
    expect(await one.json()).toEqual(message);
  });

  it('lists oldest first and keeps only the last maxMessages', async () => {
    for (const n of [1, 2, 3, 4]) await send({ to: 'bob@example.com', subject: `#${n}`, text: `${n}` });
    expect((await listed()).map((message) => message.subject)).toEqual(['#2', '#3', '#4']);
  });

  it('refuses a message over the size limit with 552 and keeps nothing', async () => {
    await expect(
      send({ to: 'bob@example.com', subject: 'big', text: 'x'.repeat(100 * 1024) }),
    ).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(await listed()).toEqual([]);
  });

  it('DELETE /api/messages empties the inbox; an unknown id is a JSON 404', async () => {
    await send({ to: 'bob@example.com', subject: 'gone soon', text: '…' });
    const deleted = await fetch(`${catcher.inboxUrl}/api/messages`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ deleted: 1 });
    expect(await listed()).toEqual([]);
    const missing = await fetch(`${catcher.inboxUrl}/api/messages/999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('accepts a sender that signs in (any credentials), as a relay with an SMTP_URL user would', async () => {
    const withUser = catcher.smtpUrl.replace('smtp://', 'smtp://someone:secret@');
    await send({ to: 'carol@example.com', subject: 'with auth', text: 'hi' }, withUser);
    expect((await listed()).map((message) => message.subject)).toEqual(['with auth']);
  });

  it('shows the inbox and each message as HTML pages, escaping what the sender wrote', async () => {
    await send({
      to: 'dave@example.com',
      subject: '<script>alert(1)</script>',
      text: 'plain',
      html: '<p>rich</p>',
    });
    const [message] = await listed();
    const inbox = await (await fetch(catcher.inboxUrl)).text();
    expect(inbox).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inbox).not.toContain('<script>');
    expect(inbox).toContain(`href="/messages/${message!.id}"`);
    const view = await (await fetch(`${catcher.inboxUrl}/messages/${message!.id}`)).text();
    expect(view).toContain('dave@example.com');
    expect(view).toContain('srcdoc="&lt;base target=&quot;_top&quot;&gt;&lt;p&gt;rich&lt;/p&gt;"');
    expect(view).toMatch(/<pre>plain\n?<\/pre>/);
  });

  it('waitForMessage resolves with a message as it arrives', async () => {
    const arriving = catcher.waitForMessage((message) => message.subject === 'later');
    await send({ to: 'erin@example.com', subject: 'later', text: 'now' });
    expect((await arriving).to).toEqual(['erin@example.com']);
  });

  it('restarts on the same SMTP port after close, so a sender can retry', async () => {
    const own = await startMailCatcher();
    const port = Number(new URL(own.smtpUrl).port);
    await own.close();
    await expect(
      send({ to: 'x@example.com', subject: 'down', text: '…' }, own.smtpUrl),
    ).rejects.toMatchObject({
      code: 'ESOCKET',
    });
    const again = await startMailCatcher({ smtpPort: port });
    try {
      expect(again.smtpUrl).toBe(own.smtpUrl);
      await send({ to: 'x@example.com', subject: 'up again', text: '…' }, again.smtpUrl);
      expect(again.messages().map((message) => message.subject)).toEqual(['up again']);
    } finally {
      await again.close();
    }
  });
});
