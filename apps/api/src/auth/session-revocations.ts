import type { Database } from '@autodoctor/db';
import { sql as sqlTag } from '@autodoctor/db/orm';
import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { COOKIE_CACHE_MAX_AGE_SECONDS } from './auth.ts';

/** The channel the triggers of migration 0008 announce revocations on. */
export const REVOCATIONS_CHANNEL = 'auth_session_revocations';

/**
 * How long a revocation is kept: as long as a cookie cache made before it can be valid, plus a
 * minute for clocks that disagree (the instances sign cookies, PostgreSQL dates revocations).
 */
export const REVOCATION_RETENTION_MS = (COOKIE_CACHE_MAX_AGE_SECONDS + 60) * 1000;

/** A session token as revocations name it: its SHA-256 in hex (as the trigger computes it). */
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a request's sign-in is, for the revocation check. */
export interface SessionIdentity {
  /** tokenDigest() of the session token. */
  tokenDigest: string;
  userId: string;
  /** When the session was created (ms). */
  createdAt: number;
}

const revocationSchema = z.object({
  kind: z.enum(['token', 'user']),
  subject: z.string().min(1).max(200),
  revokedAt: z.coerce.number().int().nonnegative(),
});
type Revocation = z.output<typeof revocationSchema>;

/**
 * This instance's copy of the revoked sign-ins of the last `retentionMs` (a cookie cache's life):
 * every revocation is NOTIFYed by a trigger (migration 0008) and added here, so a revoked session
 * is refused on the next request on every instance without a database lookup per request.
 *
 * Nothing is missed while an instance cannot hear: revocations are also rows of
 * `auth_session_revocations`, and the instance reads them all at start (before it serves) and
 * again after every reconnect of its LISTEN connection. Only while that connection is down (until
 * postgres.js reconnects it) may a revocation made meanwhile not be known here yet.
 */
export class SessionRevocations {
  /** tokenDigest → when revoked (ms). */
  readonly #tokens = new Map<string, number>();
  /** user id → sessions created up to this time (ms) are revoked. */
  readonly #users = new Map<string, number>();
  /** Open feeds by user id: each is told when a revocation ends its session. */
  readonly #watchers = new Map<string, Set<{ session: SessionIdentity; onRevoked: () => void }>>();
  /** Callers waiting to hear a revocation: `${kind}:${subject}` → their wake-ups. */
  readonly #waiting = new Map<string, Set<() => void>>();
  #unlisten: (() => Promise<void>) | undefined;
  #pruneTimer: NodeJS.Timeout | undefined;
  #started = false;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: Logger,
    readonly retentionMs: number = REVOCATION_RETENTION_MS,
  ) {}

  /** Listens, then reads the revocations still in force; resolves once both are done. */
  async start(): Promise<void> {
    const listening = await this.sql.listen(
      REVOCATIONS_CHANNEL,
      (payload) => this.#onNotify(payload),
      // After a reconnect: what was revoked while this instance could not hear.
      () => {
        if (!this.#started) return; // the first LISTEN: start() reads just below
        this.#reload().catch((error: unknown) =>
          this.log.error({ err: error }, 'session revocations: reload after reconnect failed'),
        );
      },
    );
    this.#unlisten = () => listening.unlisten();
    await this.#reload();
    this.#started = true;
    this.#pruneTimer = setInterval(() => this.#prune(), Math.max(1_000, this.retentionMs / 2));
    this.#pruneTimer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#pruneTimer);
    await this.#unlisten?.().catch(() => {});
  }

  /**
   * Revokes a session (by its token) or every session of a user (sign out everywhere, a disabled
   * account): its rows are deleted and the revocation written in one statement (a trigger NOTIFYs
   * it at commit), and this resolves once this instance has heard it back. Every instance is told
   * at that same commit, so each refuses the session's cookies from then on.
   */
  async revokeSessions(target: { token: string } | { userId: string }): Promise<void> {
    if ('token' in target) {
      const digest = tokenDigest(target.token);
      const heard = this.heard('token', digest);
      // The delete trigger records the revocation too; a token whose row is gone already is recorded here.
      await this.db.execute(sqlTag`
        WITH ended AS (DELETE FROM auth_sessions WHERE token = ${target.token})
        INSERT INTO auth_session_revocations (kind, subject) VALUES ('token', ${digest})
        ON CONFLICT (kind, subject) DO UPDATE SET revoked_at = now()`);
      await heard;
      return;
    }
    const heard = this.heard('user', target.userId);
    await this.db.execute(sqlTag`
      WITH ended AS (DELETE FROM auth_sessions WHERE user_id = ${target.userId})
      INSERT INTO auth_session_revocations (kind, subject) VALUES ('user', ${target.userId})
      ON CONFLICT (kind, subject) DO UPDATE SET revoked_at = now()`);
    await heard;
  }

  /**
   * Resolves when this instance hears of a revocation made from now on (true), or after
   * `timeoutMs` without (false: the LISTEN connection is down, or there was nothing to revoke).
   * Call it before the statement that revokes.
   */
  heard(kind: Revocation['kind'], subject: string, timeoutMs = 2_000): Promise<boolean> {
    const key = `${kind}:${subject}`;
    return new Promise((resolve) => {
      const waiters = this.#waiting.get(key) ?? new Set();
      this.#waiting.set(key, waiters);
      const done = (heard: boolean) => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0) this.#waiting.delete(key);
        resolve(heard);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(wake);
    });
  }

  /** Whether a session was revoked (its token, or every session of its user up to a time). */
  isRevoked(session: SessionIdentity): boolean {
    if (this.#tokens.has(session.tokenDigest)) return true;
    const userRevokedAt = this.#users.get(session.userId);
    return userRevokedAt !== undefined && session.createdAt <= userRevokedAt;
  }

  /**
   * Calls `onRevoked` once, when a revocation this instance hears ends `session` (sign-out, sign
   * out everywhere, a disabled account): an open feed closes then, rather than streaming on to a
   * revoked sign-in. Returns the call that stops watching.
   */
  watch(session: SessionIdentity, onRevoked: () => void): () => void {
    const watcher = { session, onRevoked };
    const watchers = this.#watchers.get(session.userId) ?? new Set();
    this.#watchers.set(session.userId, watchers);
    watchers.add(watcher);
    return () => {
      watchers.delete(watcher);
      if (watchers.size === 0 && this.#watchers.get(session.userId) === watchers) {
        this.#watchers.delete(session.userId);
      }
    };
  }

  /** Adds a revocation (from a NOTIFY or the table). */
  #add({ kind, subject, revokedAt }: Revocation): void {
    const known = kind === 'token' ? this.#tokens : this.#users;
    known.set(subject, Math.max(known.get(subject) ?? 0, revokedAt));
    for (const wake of [...(this.#waiting.get(`${kind}:${subject}`) ?? [])]) wake();
    // A user's revocation names them; a token's is checked against every watched session (few).
    const watched = kind === 'user' ? [this.#watchers.get(subject) ?? []] : [...this.#watchers.values()];
    for (const watchers of watched) {
      for (const watcher of [...watchers]) {
        if (kind === 'token' && watcher.session.tokenDigest !== subject) continue;
        if (this.isRevoked(watcher.session)) watcher.onRevoked();
      }
    }
  }

  #onNotify(payload: string): void {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      // not JSON: refused below like any other unexpected payload
    }
    const parsed = revocationSchema.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ payload }, 'session revocations: an unexpected payload was ignored');
      return;
    }
    this.#add(parsed.data);
  }

  /** Reads every revocation still in force, and deletes the table's older rows. */
  async #reload(): Promise<void> {
    const rows = await this.db.execute<{ kind: 'token' | 'user'; subject: string; revokedAt: string }>(sqlTag`
      SELECT kind, subject, floor(extract(epoch FROM revoked_at) * 1000)::bigint::text AS "revokedAt"
      FROM auth_session_revocations
      WHERE revoked_at > now() - make_interval(secs => ${this.retentionMs / 1000})`);
    for (const row of rows) this.#add({ ...row, revokedAt: Number(row.revokedAt) });
    await this.db.execute(sqlTag`
      DELETE FROM auth_session_revocations
      WHERE revoked_at <= now() - make_interval(secs => ${this.retentionMs / 1000})`);
  }

  /** Forgets revocations older than any cookie cache still valid. */
  #prune(): void {
    const before = Date.now() - this.retentionMs;
    for (const known of [this.#tokens, this.#users]) {
      for (const [subject, revokedAt] of known) if (revokedAt < before) known.delete(subject);
    }
  }
}
