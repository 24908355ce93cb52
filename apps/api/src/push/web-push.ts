import type { Database } from '@autodoctor/db';
import type { Agent } from 'node:https';
import type { ApiConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ScheduledJob } from '../scheduler/scheduler.ts';
import { pushNewSessions } from './new-sessions-push.ts';
import { PushSender, vapidKeysOf } from './push-sender.ts';
import { pushQuoteDecided } from './quote-decided-push.ts';

/** The scheduler job's name (`scheduler_jobs`). */
export const NEW_SESSIONS_PUSH_JOB = 'push-new-sessions';

/** Web Push to mechanics, when the settings have VAPID keys. */
export class WebPush {
  constructor(
    readonly sender: PushSender,
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** The key browsers subscribe with (`applicationServerKey`). */
  get publicKey(): string {
    return this.sender.vapid.publicKey;
  }

  /** The leader-only job telling available mechanics with no tab open of new sessions. */
  newSessionsJob(periodMs: number): ScheduledJob {
    return { name: NEW_SESSIONS_PUSH_JOB, periodMs, run: (tx) => pushNewSessions(tx, this.sender, this.log) };
  }

  /** After a customer's decision committed: the mechanic's push, in the background (never fails the call). */
  quoteDecided(quoteId: string): void {
    pushQuoteDecided(this.db, this.sender, this.log, quoteId).catch((error: unknown) =>
      this.log.error({ err: error, quoteId }, 'push: quote decision push failed'),
    );
  }
}

/** Web Push of these settings, or null: no VAPID keys, push off. */
export function createWebPush(config: ApiConfig, db: Database, log: Logger, agent?: Agent): WebPush | null {
  const vapid = vapidKeysOf(config);
  return vapid ? new WebPush(new PushSender(vapid, agent), db, log) : null;
}
