import { startMailCatcher, type MailCatcher } from '@autodoctor/mail-catcher';
import { enqueue, outboxRows, resetPasswordMail } from '@autodoctor/api/testing/mail';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, expect, it } from 'vitest';
import { freePort } from './local-cluster.ts';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';

// The instance sends to this port; the tests put a stalling relay there, kill the instance while
// it waits on it, then put the mail catcher on the same port and restart the instance.
const smtpPort = await freePort();
const t = useTestCluster(
  {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    // A lease that lapses soon after the kill, so the restarted instance need not wait long.
    MAIL_LEASE_MS: '1500',
    MAIL_POLL_MS: '100',
  },
  { instances: 1 },
);

let catcher: MailCatcher | undefined;
afterAll(() => catcher?.close());

/** Listens on `smtpPort`, accepts connections and never says anything (no SMTP greeting). */
async function startSilentRelay() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', resolve));
  return {
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A relay that takes the whole message but never answers its end (no 250 OK): what it got is kept. */
async function startRelayThatNeverConfirms() {
  const received: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1,
    onData: (stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => received.push(Buffer.concat(chunks).toString()));
      // The callback is never called: the sender waits for the confirmation.
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', resolve));
  return {
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function killAndRestartWithCatcher(stopRelay: () => Promise<void>) {
  const [instance] = t.cluster.instances;
  await instance!.kill('SIGKILL');
  await stopRelay();
  await catcher?.close();
  catcher = await startMailCatcher({ smtpPort });
  await instance!.restart();
}

const messageIdOf = (id: string) => `<${id}@autodoctor.local>`;

describeWithNginx('the mail outbox when an API instance is killed (SIGKILL) mid-send', () => {
  it('claimed but not sent yet: after the restart the message goes out once, with the same Message-ID', async () => {
    const relay = await startSilentRelay();
    const customer = await t.customer();
    const id = await enqueue(t.database.db, resetPasswordMail(customer.userId));
    // The claim is committed and the instance is connected to the relay, waiting to send.
    await waitFor(async () => {
      const [row] = await outboxRows(t.database.db, [id]);
      return row?.attempts === 1 && row.claimedUntil !== null && relay.connections() > 0;
    }, 'the instance to claim the message and connect to the relay');

    await killAndRestartWithCatcher(relay.close);
    const [row] = await waitFor(async () => {
      const rows = await outboxRows(t.database.db, [id]);
      return rows[0]?.status === 'sent' && rows;
    }, 'the restarted instance to send the message');
    expect(row!.attempts).toBe(2);
    const delivered = catcher!.messages().filter((message) => message.to.includes(customer.email));
    expect(delivered.map((message) => message.headers['message-id'])).toEqual([messageIdOf(id)]);
  });

  it('sent but not confirmed when killed: the rare resend carries the same Message-ID, and only one follows', async () => {
    await catcher?.close();
    catcher = undefined;
    const relay = await startRelayThatNeverConfirms();
    const customer = await t.customer();
    const id = await enqueue(t.database.db, resetPasswordMail(customer.userId));
    const [firstCopy] = await waitFor(
      () => relay.received().length > 0 && relay.received(),
      'the relay to receive it',
    );
    expect(firstCopy).toContain(`Message-ID: ${messageIdOf(id)}`);
    expect((await outboxRows(t.database.db, [id]))[0]).toMatchObject({ status: 'pending', attempts: 1 });

    await killAndRestartWithCatcher(relay.close);
    await waitFor(async () => (await outboxRows(t.database.db, [id]))[0]?.status === 'sent', 'the resend');
    const resent = catcher!.messages().filter((message) => message.to.includes(customer.email));
    expect(resent.map((message) => message.headers['message-id'])).toEqual([messageIdOf(id)]);
    expect((await outboxRows(t.database.db, [id]))[0]!.attempts).toBe(2);
  });
});
