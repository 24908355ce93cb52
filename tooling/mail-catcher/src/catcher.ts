// startMailCatcher: a real SMTP server whose messages land in a web inbox with a JSON API.
import { serve } from '@hono/node-server';
import { simpleParser } from 'mailparser';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { createInboxApp } from './http.ts';
import { Mailbox, type CaughtMessage } from './mailbox.ts';

export interface MailCatcherOptions {
  /** 0 (the default) picks a free port. Give the same port again to restart a stopped catcher in place. */
  smtpPort?: number;
  /** 0 (the default) picks a free port. */
  httpPort?: number;
  /** Default 127.0.0.1 (both servers). */
  host?: string;
  /** How many messages are kept; older ones are dropped first. Default 1000. */
  maxMessages?: number;
  /** The largest message accepted, in bytes (SMTP SIZE); larger ones are refused with 552. Default 10 MiB. */
  maxMessageBytes?: number;
}

export interface MailCatcher {
  /** e.g. smtp://127.0.0.1:1025: give it to nodemailer (or the API's SMTP_URL) as it is. */
  smtpUrl: string;
  /** e.g. http://127.0.0.1:1080: the web inbox; its JSON API is under /api/messages. */
  inboxUrl: string;
  /** The messages caught so far, oldest first (what `GET /api/messages` returns). */
  messages(): CaughtMessage[];
  /**
   * Resolves with the first message (already caught or arriving later) that `matches`: no polling.
   * Without a match it waits for good, so give the test its own timeout.
   */
  waitForMessage(matches: (message: CaughtMessage) => boolean): Promise<CaughtMessage>;
  /** Stops both servers at once, ending open SMTP connections (their messages in flight are lost). */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGES = 1000;
const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxMessages) || maxMessages < 1)
    throw new Error('maxMessages must be an integer ≥ 1');
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1)
    throw new Error('maxMessageBytes must be an integer ≥ 1');

  const mailbox = new Mailbox(maxMessages);
  const smtp = new SMTPServer({
    // Plain SMTP on a local port: no TLS to set up; any user and password (or none) is accepted,
    // so an SMTP_URL with credentials works here unchanged.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    size: maxMessageBytes,
    rejectOversized: true,
    logger: false,
    // close() ends connections at once: a test stopping the catcher means "the server went away".
    closeTimeout: 1,
    onData: (stream, session, callback) => {
      receive(stream, session, maxMessageBytes, mailbox).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => {
      smtp.server.off('error', reject);
      resolve();
    });
  });
  // After start-up a listener error (e.g. EMFILE) is logged by nobody and must not crash the host process.
  smtp.on('error', () => {});
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: Server;
  try {
    http = await listenHttp(createInboxApp(mailbox).fetch, host, options.httpPort ?? 0);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  const httpPort = (http.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  return {
    smtpUrl: `smtp://${hostInUrl}:${smtpPort}`,
    inboxUrl: `http://${hostInUrl}:${httpPort}`,
    messages: () => mailbox.list(),
    waitForMessage: (matches) =>
      new Promise((resolve) => {
        const found = mailbox.list().find(matches);
        if (found) return resolve(found);
        const stop = mailbox.onMessage((message) => {
          if (!matches(message)) return;
          stop();
          resolve(message);
        });
      }),
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
      ]);
    },
  };
}

/** Reads one message's bytes (no more than the limit) and keeps it, parsed. */
async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  maxBytes: number,
  mailbox: Mailbox,
): Promise<void> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // Past the limit, keep reading (the client is still sending) but keep nothing.
    if (bytes <= maxBytes) chunks.push(chunk);
  }
  // rejectOversized answers 552 itself; nothing to keep.
  if (stream.sizeExceeded) return;
  const parsed = await simpleParser(Buffer.concat(chunks), { skipImageLinks: true });
  const envelope = {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
  };
  mailbox.add(parsed, envelope, new Date());
}

function listenHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  hostname: string,
  port: number,
) {
  return new Promise<Server>((resolve, reject) => {
    // overrideGlobalObjects: false — the catcher often runs inside a test process, whose globals it must not replace.
    const server = serve({ fetch, hostname, port, overrideGlobalObjects: false }, () => {
      if (server instanceof Server) resolve(server);
      else reject(new Error('Expected an HTTP/1.1 server'));
    });
    server.once('error', reject);
  });
}
