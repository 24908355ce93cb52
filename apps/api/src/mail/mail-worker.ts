import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { isOptionalMailKind, type MailKind, type OptionalMailKind } from '@autodoctor/session-core/rules';
import nodemailer, { type Transporter } from 'nodemailer';
import type postgres from 'postgres';
import type { ApiConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { OutboxLoop } from '../outbox/outbox-loop.ts';
import { backoffMs } from '../outbox/backoff.ts';
import type { MailToRender, renderMail as renderWithTemplates } from '@autodoctor/emails';
import { unsubscribeToken, unsubscribeUrls } from './unsubscribe-token.ts';

/** The channel migration 0012's trigger NOTIFYs on every insert into the outbox. */
export const MAIL_OUTBOX_CHANNEL = 'mail_outbox_ready';

/** How much of an error is kept in `last_error`. */
const LAST_ERROR_MAX_LENGTH = 1000;

/**
 * The SMTP timeouts: a send gives up well within its lease (MAIL_LEASE_MS, 2 min by default), so
 * another worker never sends a message this one is still sending. Tests with a short lease send
 * to a local server that answers at once.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export type MailWorkerSettings = Pick<
  ApiConfig,
  | 'SMTP_URL'
  | 'MAIL_FROM'
  | 'MAIL_DOMAIN'
  | 'MAIL_UNSUBSCRIBE_MAILTO'
  | 'MAIL_POLL_MS'
  | 'MAIL_LEASE_MS'
  | 'MAIL_BATCH_SIZE'
  | 'MAIL_MAX_ATTEMPTS'
  | 'MAIL_BACKOFF_BASE_MS'
  | 'MAIL_BACKOFF_CAP_MS'
  | 'CUSTOMER_APP_URL'
  | 'MECHANIC_APP_URL'
  | 'BETTER_AUTH_SECRET'
>;

export interface MailWorkerDeps {
  db: Database;
  /** postgres.js, for LISTEN. */
  sql: postgres.Sql;
  log: Logger;
  metrics: Pick<Metrics, 'mailSent' | 'mailSendFailures'>;
  settings: MailWorkerSettings;
  /** Where browsers and mail servers reach this API (the one-click unsubscribe endpoint). */
  apiUrl: string;
  /** The product's templates (@autodoctor/emails); injected so the worker does not pick its look. */
  renderMail: typeof renderWithTemplates;
}

/** A message claimed for sending: its row, and the recipient's role (which app its links go to). */
type ClaimedMail = {
  id: string;
  kind: MailKind;
  userId: string | null;
  toAddress: string;
  payload: unknown;
  /** Counting this try. */
  attempts: number;
  role: 'customer' | 'mechanic' | null;
};

/**
 * Delivers the email outbox (`mail_outbox`, written by session-core's `enqueueMail`). Every API
 * instance runs one (an `OutboxLoop`: woken by the outbox's NOTIFY and by a poll, MAIL_POLL_MS).
 * A due message is claimed with a lease (`claimed_until`, FOR UPDATE SKIP LOCKED), so one worker
 * sends it; a worker that dies mid-send leaves it to another once the lease
 * lapses, which sends it again with the same Message-ID. A failure waits (backoff.ts) and is
 * retried; after MAIL_MAX_ATTEMPTS tries, or an SMTP 5xx (a permanent refusal), it is `dead`.
 */
export class MailWorker {
  readonly #deps: MailWorkerDeps;
  readonly #transport: Transporter | undefined;
  readonly #loop: OutboxLoop<ClaimedMail>;

  constructor(deps: MailWorkerDeps) {
    this.#deps = deps;
    const { SMTP_URL } = deps.settings;
    // One connection per message (no pool): nothing to go stale while the relay restarts.
    this.#transport = SMTP_URL ? nodemailer.createTransport({ url: SMTP_URL, ...SMTP_TIMEOUTS }) : undefined;
    this.#loop = new OutboxLoop({
      name: 'mail',
      listener: deps.sql,
      channel: MAIL_OUTBOX_CHANNEL,
      pollMs: deps.settings.MAIL_POLL_MS,
      leaseMs: deps.settings.MAIL_LEASE_MS,
      log: deps.log,
      claim: () => this.#claim(),
      deliver: (mail) => this.#send(mail),
    });
  }

  /** Listens and polls; without SMTP_URL only says so (messages wait in the outbox, nothing is lost). */
  async start(): Promise<void> {
    if (!this.#transport) {
      this.#deps.log.warn(
        'mail: SMTP_URL is not set, so this instance sends no email; messages stay pending in mail_outbox until an instance with SMTP_URL runs',
      );
      return;
    }
    await this.#loop.start();
  }

  /** Stops waking up and waits for the round in progress (its claimed messages are sent or released). */
  async stop(): Promise<void> {
    await this.#loop.stop();
    this.#transport?.close();
  }

  /** Runs a round soon; failures are logged and retried at the next poll. */
  kick(): void {
    if (this.#transport) this.#loop.kick();
  }

  /** Sends every message due now; resolves with how many were sent. One round at a time. */
  async run(): Promise<number> {
    // Without SMTP_URL nothing is claimed: a claim would only count a try that cannot happen.
    return this.#transport ? this.#loop.run() : 0;
  }

  /** Takes up to MAIL_BATCH_SIZE due messages, for MAIL_LEASE_MS: Postgres decides who gets each. */
  async #claim(): Promise<ClaimedMail[]> {
    const { db, settings } = this.#deps;
    return db.execute<ClaimedMail>(sql`
      UPDATE mail_outbox m
         SET claimed_until = now() + ${settings.MAIL_LEASE_MS} * interval '1 millisecond',
             attempts = m.attempts + 1
       WHERE m.id IN (
         SELECT id FROM mail_outbox
          WHERE status = 'pending'
            AND next_attempt_at <= now()
            AND (claimed_until IS NULL OR claimed_until <= now())
          ORDER BY next_attempt_at
          LIMIT ${settings.MAIL_BATCH_SIZE}
          FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.kind, m.user_id AS "userId", m.to_address AS "toAddress", m.payload, m.attempts,
                (SELECT u.role FROM users u WHERE u.id = m.user_id) AS role`);
  }

  /** Renders and sends one claimed message, then records the outcome; true when it was sent. */
  async #send(mail: ClaimedMail): Promise<boolean> {
    const { db, log, metrics, settings, apiUrl, renderMail } = this.#deps;
    const messageId = `<${mail.id}@${settings.MAIL_DOMAIN}>`;
    try {
      const appUrl = mail.role === 'mechanic' ? settings.MECHANIC_APP_URL : settings.CUSTOMER_APP_URL;
      // Optional kinds can be turned off, from the message itself (enqueueMail always names a user).
      const optional =
        mail.userId !== null && isOptionalMailKind(mail.kind)
          ? { userId: mail.userId, kind: mail.kind }
          : undefined;
      const links = optional
        ? unsubscribeUrls(
            { secret: settings.BETTER_AUTH_SECRET, apiUrl, appUrl },
            optional.userId,
            optional.kind,
          )
        : undefined;
      const rendered = await renderMail({ kind: mail.kind, payload: mail.payload } as MailToRender, {
        appUrl,
        ...(links ? { unsubscribeUrl: links.page } : {}),
      });
      await this.#transport!.sendMail({
        from: settings.MAIL_FROM,
        to: mail.toAddress,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // The same on every try of this message, so a resend after a crash is recognisable.
        messageId,
        headers:
          optional && links ? this.#unsubscribeHeaders(links.oneClick, optional.userId, optional.kind) : {},
      });
    } catch (error) {
      await this.#failed(mail, error);
      return false;
    }
    await db.execute(sql`
      UPDATE mail_outbox
         SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL
       WHERE id = ${mail.id} AND status = 'pending'`);
    metrics.mailSent.inc({ kind: mail.kind });
    log.info({ outboxId: mail.id, kind: mail.kind, attempt: mail.attempts }, 'mail: sent');
    return true;
  }

  /** RFC 2369 + RFC 8058: the one-click link first (what mail clients use), then a mailto if one is set. */
  #unsubscribeHeaders(oneClick: string, userId: string, kind: OptionalMailKind): Record<string, string> {
    const { MAIL_UNSUBSCRIBE_MAILTO, BETTER_AUTH_SECRET } = this.#deps.settings;
    const targets = [`<${oneClick}>`];
    if (MAIL_UNSUBSCRIBE_MAILTO) {
      const token = unsubscribeToken(BETTER_AUTH_SECRET, userId, kind);
      targets.push(
        `<mailto:${MAIL_UNSUBSCRIBE_MAILTO}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`,
      );
    }
    return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }

  /**
   * Records a failed try: retried after a backoff, or `dead` after the last try or on a permanent
   * SMTP refusal (5xx). Only this claim's row is touched (`attempts` = this try's), so a late
   * failure after the lease lapsed never undoes another worker's later claim.
   */
  async #failed(mail: ClaimedMail, error: unknown): Promise<void> {
    const { db, log, metrics, settings } = this.#deps;
    const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
    const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
    const dead = permanent || mail.attempts >= settings.MAIL_MAX_ATTEMPTS;
    const delay = backoffMs(mail.attempts, {
      baseMs: settings.MAIL_BACKOFF_BASE_MS,
      capMs: settings.MAIL_BACKOFF_CAP_MS,
    });
    const lastError = this.#describe(error);
    metrics.mailSendFailures.inc({ kind: mail.kind });
    try {
      await db.execute(sql`
        UPDATE mail_outbox
           SET status = ${dead ? 'dead' : 'pending'}::mail_status,
               next_attempt_at = now() + ${delay} * interval '1 millisecond',
               claimed_until = NULL,
               last_error = ${lastError}
         WHERE id = ${mail.id} AND status = 'pending' AND attempts = ${mail.attempts}`);
    } catch (recordError) {
      // The lease lapses by itself: the message is tried again then.
      log.error({ err: recordError, outboxId: mail.id }, 'mail: could not record a failed send');
    }
    const fields = { outboxId: mail.id, kind: mail.kind, attempt: mail.attempts, error: lastError };
    if (dead)
      log.error(fields, permanent ? 'mail: refused by the SMTP server, not retried' : 'mail: gave up');
    else log.warn({ ...fields, retryInMs: delay }, 'mail: send failed, will retry');
  }

  /** The error for `last_error` and the log: bounded, and never the SMTP password. */
  #describe(error: unknown): string {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const password = this.#deps.settings.SMTP_URL ? new URL(this.#deps.settings.SMTP_URL).password : '';
    const safe = password
      ? text.split(password).join('***').split(decodeURIComponent(password)).join('***')
      : text;
    return safe.slice(0, LAST_ERROR_MAX_LENGTH);
  }
}
