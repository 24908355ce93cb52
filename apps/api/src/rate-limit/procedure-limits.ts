import { TRPCError } from '@trpc/server';
import type { TRPCContext } from '../trpc/context.ts';
import { toTRPCError } from '../trpc/errors.ts';
import { minutes, RateLimitedError, type RateRuleName } from './rate-limiter.ts';

/** One limit on a procedure: which setting, counted where, per what. */
export interface ProcedureLimit {
  /** The setting (`rateRulesOf`): RATE_LIMIT_… as MAX/SECONDS. */
  rule: RateRuleName;
  /**
   * `shared`: counted in PostgreSQL, so every instance counts against the same number (money and
   * accounts). `instance`: in this instance's memory, no database round trip (cheap calls).
   */
  store: 'shared' | 'instance';
  /** Counted per caller's account (signed out: per address), or per client address. */
  per: 'account' | 'address';
  /** The counter's name (with the account or address): procedures naming one share a count. */
  counter: string;
  /** What an over-limit answer says, before ": at most MAX in WINDOW". */
  refusal: string;
}

const shared = (rule: RateRuleName, per: ProcedureLimit['per'], counter: string, refusal: string) =>
  ({ rule, store: 'shared', per, counter, refusal }) as const satisfies ProcedureLimit;
const inInstance = (rule: RateRuleName, counter: string, refusal: string) =>
  ({ rule, store: 'instance', per: 'account', counter, refusal }) as const satisfies ProcedureLimit;

/**
 * The rate limits of every mutation (and of the costly reads in LIMITED_QUERIES), by procedure path: the one place they are declared, enforced by
 * the procedures' single middleware (trpc/init.ts) on every call, each call of a batch too.
 * A mutation of the router missing here does not compile (router.ts checks), nor pass
 * `procedure-limits.test.ts`.
 */
export const PROCEDURE_LIMITS = {
  'intake.startSession': [
    shared('intakePerAccount', 'account', 'intake', 'Too many sessions started'),
    shared('intakePerIp', 'address', 'intake', 'Too many sessions started from this address'),
  ],
  'customer.buyCredits': [
    shared('buyCreditsPerAccount', 'account', 'buy-credits', 'Too many credit purchases started'),
    shared(
      'buyCreditsPerIp',
      'address',
      'buy-credits',
      'Too many credit purchases started from this address',
    ),
  ],
  'customer.cancelSession': [shared('cancelPerAccount', 'account', 'cancel', 'Too many cancellations')],
  'customer.rateSession': [shared('ratingsPerAccount', 'account', 'rate-session', 'Too many ratings')],
  'customer.endSession': [
    inInstance('sessionMovesPerAccount', 'customer.endSession', 'Too many session ends'),
  ],
  'mechanic.accept': [inInstance('sessionMovesPerAccount', 'mechanic.accept', 'Too many accepts')],
  'mechanic.startSession': [
    inInstance('sessionMovesPerAccount', 'mechanic.startSession', 'Too many session starts'),
  ],
  'mechanic.endSession': [
    inInstance('sessionMovesPerAccount', 'mechanic.endSession', 'Too many session ends'),
  ],
  'mechanic.setAvailability': [
    inInstance('presencePerAccount', 'mechanic.setAvailability', 'Too many availability changes'),
  ],
  'mechanic.heartbeat': [inInstance('presencePerAccount', 'mechanic.heartbeat', 'Too many heartbeats')],
  'room.send': [inInstance('roomSendPerAccount', 'room.send', 'Too many messages')],
  'room.typing': [inInstance('roomTypingPerAccount', 'room.typing', 'Too many typing signals')],
  'room.markRead': [inInstance('roomMarkReadPerAccount', 'room.markRead', 'Too many read marks')],
  'mechanic.saveQuoteDraft': [
    inInstance('quoteWritesPerAccount', 'mechanic.saveQuoteDraft', 'Too many quote saves'),
  ],
  'mechanic.sendQuote': [inInstance('quoteWritesPerAccount', 'mechanic.sendQuote', 'Too many quotes sent')],
  'mechanic.reviseQuote': [
    inInstance('quoteWritesPerAccount', 'mechanic.reviseQuote', 'Too many quote revisions'),
  ],
  'mechanic.withdrawQuote': [
    inInstance('quoteWritesPerAccount', 'mechanic.withdrawQuote', 'Too many quotes withdrawn'),
  ],
  'mechanic.deleteQuoteDraft': [
    inInstance('quoteWritesPerAccount', 'mechanic.deleteQuoteDraft', 'Too many drafts deleted'),
  ],
  'customer.decideQuote': [
    shared('quoteDecisionsPerAccount', 'account', 'quote-decisions', 'Too many quote decisions'),
  ],
  'mechanic.subscribePush': [
    shared('pushSubscriptionsPerAccount', 'account', 'subscribe-push', 'Too many push subscriptions'),
  ],
  'mechanic.unsubscribePush': [
    shared('pushSubscriptionsPerAccount', 'account', 'unsubscribe-push', 'Too many push unsubscriptions'),
  ],
  'account.setNotificationPreference': [
    inInstance(
      'notificationPreferencesPerAccount',
      'account.setNotificationPreference',
      'Too many notification changes',
    ),
  ],
  // A read, but a query over up to a year of history: limited like a write.
  'ops.panel': [inInstance('opsPanelsPerAccount', 'ops.panel', 'Too many analytics panels read')],
  // An operator's changes (money moves among them): counted across instances.
  'ops.recordPayout': [shared('opsWritesPerAccount', 'account', 'ops-writes', 'Too many operator changes')],
  'ops.disableMechanic': [
    shared('opsWritesPerAccount', 'account', 'ops-disable', 'Too many operator changes'),
  ],
  'ops.enableMechanic': [shared('opsWritesPerAccount', 'account', 'ops-enable', 'Too many operator changes')],
  'ops.cancelSession': [shared('opsWritesPerAccount', 'account', 'ops-cancel', 'Too many operator changes')],
  'ops.requeueSession': [
    shared('opsWritesPerAccount', 'account', 'ops-requeue', 'Too many operator changes'),
  ],
  // Each one sends an email to an address the operator types: a counter of its own.
  'ops.inviteMechanic': [
    shared('opsWritesPerAccount', 'account', 'ops-invitations', 'Too many mechanics invited'),
  ],
  'ops.openTranscript': [
    shared('opsWritesPerAccount', 'account', 'ops-transcripts', 'Too many transcripts opened'),
  ],
  // A search over every session: limited like a write.
  'ops.sessions': [inInstance('opsPanelsPerAccount', 'ops.sessions', 'Too many session searches')],
  // Each try checks a password: a guessing limit as much as anything.
  'account.deleteAccount': [
    shared('accountDeletePerAccount', 'account', 'delete-account', 'Too many account deletion attempts'),
  ],
} as const satisfies Record<string, readonly ProcedureLimit[]>;

/** The queries with a rate limit of their own: each one is a heavy read. */
export const LIMITED_QUERIES = ['ops.panel', 'ops.sessions'] as const;

const LIMITS_BY_PATH = new Map<string, readonly ProcedureLimit[]>(Object.entries(PROCEDURE_LIMITS));

/**
 * Counts one call of `path` against its limits (none declared: nothing to count).
 *
 * @throws {TRPCError} TOO_MANY_REQUESTS over one (its cause, a RateLimitedError, gives the
 *   response its Retry-After); SERVICE_UNAVAILABLE when a shared count cannot reach the database
 */
export async function limitCall(
  ctx: Pick<TRPCContext, 'rateLimiter' | 'clientAddress'>,
  path: string,
  userId: string | undefined,
): Promise<void> {
  const limits = LIMITS_BY_PATH.get(path);
  const { rateLimiter } = ctx;
  if (!limits || !rateLimiter.rules.enabled) return;
  try {
    for (const limit of limits) {
      const rule = rateLimiter.rules[limit.rule];
      const key =
        limit.per === 'account' && userId
          ? `${limit.counter}:account:${userId}`
          : `${limit.counter}:ip:${ctx.clientAddress ?? 'unknown'}`;
      const message = `${limit.refusal}: at most ${rule.max} in ${minutes(rule.windowSeconds)}`;
      if (limit.store === 'shared') await rateLimiter.consume(key, rule, message);
      else await rateLimiter.consumeInInstance(key, rule, message);
    }
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
    }
    throw toTRPCError(error); // the database out of reach: SERVICE_UNAVAILABLE, as for any query
  }
}
