import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiConfig } from '../config.ts';

/** At most `max` requests per `windowSeconds`. */
export interface RateRule {
  max: number;
  windowSeconds: number;
}

/** A rule's window as its messages say it: `10 min`, `90 s`. */
export const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

/** A request over its limit: answered 429 with `Retry-After: retryAfterSeconds`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The limits in force: the settings' rules times RATE_LIMIT_MULTIPLIER, or none with RATE_LIMITS=off. */
export function rateRulesOf(config: ApiConfig) {
  const scaled = (rule: RateRule): RateRule => ({
    max: Math.max(1, Math.round(rule.max * config.RATE_LIMIT_MULTIPLIER)),
    windowSeconds: rule.windowSeconds,
  });
  return {
    enabled: config.RATE_LIMITS === 'on',
    signInPerIp: scaled(config.RATE_LIMIT_SIGN_IN_PER_IP),
    signInPerAccount: scaled(config.RATE_LIMIT_SIGN_IN_PER_ACCOUNT),
    signInPerIpAccount: scaled(config.RATE_LIMIT_SIGN_IN_PER_IP_ACCOUNT),
    signUpPerIp: scaled(config.RATE_LIMIT_SIGN_UP_PER_IP),
    intakePerAccount: scaled(config.RATE_LIMIT_INTAKE_PER_ACCOUNT),
    intakePerIp: scaled(config.RATE_LIMIT_INTAKE_PER_IP),
    authPerIp: scaled(config.RATE_LIMIT_AUTH_PER_IP),
    mailPerAddress: scaled(config.RATE_LIMIT_MAIL_PER_ADDRESS),
    mailPerIp: scaled(config.RATE_LIMIT_MAIL_PER_IP),
    accountDeletePerAccount: scaled(config.RATE_LIMIT_ACCOUNT_DELETE_PER_ACCOUNT),
    accountExportPerAccount: scaled(config.RATE_LIMIT_ACCOUNT_EXPORT_PER_ACCOUNT),
    photoUploadPerAccount: scaled(config.RATE_LIMIT_PHOTO_UPLOAD_PER_ACCOUNT),
    buyCreditsPerAccount: scaled(config.RATE_LIMIT_BUY_CREDITS_PER_ACCOUNT),
    buyCreditsPerIp: scaled(config.RATE_LIMIT_BUY_CREDITS_PER_IP),
    cancelPerAccount: scaled(config.RATE_LIMIT_CANCEL_PER_ACCOUNT),
    ratingsPerAccount: scaled(config.RATE_LIMIT_RATINGS_PER_ACCOUNT),
    sessionMovesPerAccount: scaled(config.RATE_LIMIT_SESSION_MOVES_PER_ACCOUNT),
    presencePerAccount: scaled(config.RATE_LIMIT_PRESENCE_PER_ACCOUNT),
    roomSendPerAccount: scaled(config.RATE_LIMIT_ROOM_SEND_PER_ACCOUNT),
    roomTypingPerAccount: scaled(config.RATE_LIMIT_ROOM_TYPING_PER_ACCOUNT),
    roomMarkReadPerAccount: scaled(config.RATE_LIMIT_ROOM_MARK_READ_PER_ACCOUNT),
    quoteWritesPerAccount: scaled(config.RATE_LIMIT_QUOTE_WRITES_PER_ACCOUNT),
    quoteDecisionsPerAccount: scaled(config.RATE_LIMIT_QUOTE_DECISIONS_PER_ACCOUNT),
    pushSubscriptionsPerAccount: scaled(config.RATE_LIMIT_PUSH_SUBSCRIPTIONS_PER_ACCOUNT),
    notificationPreferencesPerAccount: scaled(config.RATE_LIMIT_NOTIFICATION_PREFERENCES_PER_ACCOUNT),
    opsPanelsPerAccount: scaled(config.RATE_LIMIT_OPS_PANELS_PER_ACCOUNT),
    opsWritesPerAccount: scaled(config.RATE_LIMIT_OPS_WRITES_PER_ACCOUNT),
    unsubscribePerIp: scaled(config.RATE_LIMIT_UNSUBSCRIBE_PER_IP),
  };
}

export type RateRules = ReturnType<typeof rateRulesOf>;

/** The name of one of the rules (a setting). */
export type RateRuleName = Exclude<keyof RateRules, 'enabled'>;

/**
 * Fixed-window counters in `auth_rate_limits`, the table better-auth keeps its
 * own limits in, so every instance counts against the same numbers. One
 * statement per request: the upsert counts and, when the window is over,
 * starts a new one, atomically however many instances race.
 */
export class RateLimiter {
  /** This instance's own counters, one fixed-window store per rule (see consumeInInstance). */
  private readonly inInstance = new Map<RateRule, RateLimiterMemory>();

  constructor(
    private readonly db: Database,
    readonly rules: RateRules,
  ) {}

  /**
   * Counts one request against `key` in this instance's memory only: for cheap calls, where a
   * database round trip would cost more than the call. Behind a load balancer with N instances a
   * client gets at most N times the rule. Throws RateLimitedError (with `message`) when over it.
   */
  async consumeInInstance(key: string, rule: RateRule, message: string): Promise<void> {
    if (!this.rules.enabled) return;
    let counters = this.inInstance.get(rule);
    if (!counters) {
      counters = new RateLimiterMemory({ points: rule.max, duration: rule.windowSeconds });
      this.inInstance.set(rule, counters);
    }
    try {
      await counters.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new RateLimitedError(message, Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  }

  /** Counts one request against `key`; throws RateLimitedError (with `message`) when over the rule. */
  async consume(key: string, rule: RateRule, message: string): Promise<void> {
    if (!this.rules.enabled) return;
    const now = Date.now();
    const windowStart = now - rule.windowSeconds * 1000;
    const [row] = await this.db.execute<{ count: number; started: string }>(sql`
      INSERT INTO auth_rate_limits (id, key, count, last_request)
      VALUES (gen_random_uuid()::text, ${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN auth_rate_limits.last_request <= ${windowStart} THEN 1
                     ELSE auth_rate_limits.count + 1 END,
        last_request = CASE WHEN auth_rate_limits.last_request <= ${windowStart} THEN ${now}
                            ELSE auth_rate_limits.last_request END
      RETURNING count, last_request::text AS started`);
    if (row!.count <= rule.max) return;
    const retryAfter = Math.max(
      1,
      Math.ceil((Number(row!.started) + rule.windowSeconds * 1000 - now) / 1000),
    );
    throw new RateLimitedError(message, retryAfter);
  }
}

/** The header the API sets to the client's address (never taken from the client itself). */
export const CLIENT_ADDRESS_HEADER = 'x-autodoctor-client-ip';
