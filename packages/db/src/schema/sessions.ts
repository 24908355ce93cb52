import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ACTIVE_SESSION_STATUSES,
  assignmentStatus,
  sessionEventType,
  sessionStatus,
  sessionType,
  userRole,
} from './enums.ts';
import { creditPurchases } from './credit-purchases.ts';
import { users } from './users.ts';
import { timestamptz, xid8 } from './column-types.ts';

const sqlList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/** One consultation between a customer and (once accepted) a mechanic. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: sessionType('type').notNull(),
    status: sessionStatus('status').notNull(),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id),
    vehicleYear: integer('vehicle_year').notNull(),
    vehicleMake: text('vehicle_make').notNull(),
    vehicleModel: text('vehicle_model').notNull(),
    vehicleVin: text('vehicle_vin'),
    concern: text('concern').notNull(),
    scheduledFor: timestamptz('scheduled_for'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** When a mechanic accepted it (set by the accept, kept after a cancel or expiry). */
    acceptedAt: timestamptz('accepted_at'),
    startedAt: timestamptz('started_at'),
    /** When an operator last put it back in the queue: its two hours before expiry start again. */
    requeuedAt: timestamptz('requeued_at'),
    endedAt: timestamptz('ended_at'),
    /** Credits debited for a credit session (returned through the ledger on refund). */
    chargedCredits: integer('charged_credits').notNull().default(0),
    /** Amount paid by card for a paid session, in the currency's minor unit. */
    chargedAmountCents: integer('charged_amount_cents').notNull().default(0),
    currency: text('currency'),
    /** The credit pack the debited credit came from (null: a granted credit, or not a credit session). */
    creditPurchaseId: uuid('credit_purchase_id').references((): AnyPgColumn => creditPurchases.id),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    /**
     * True only for free sessions made before the one-free-session rule (migration
     * 0004) beyond a customer's first: kept as history, outside the rule's index.
     */
    freeLimitExempt: boolean('free_limit_exempt').notNull().default(false),
  },
  (t) => [
    // One active session per customer, decided by Postgres (SQLSTATE 23505).
    uniqueIndex('uq_active_session_per_customer')
      .on(t.customerUserId)
      .where(sql`${sql.identifier('status')} IN (${sqlList(ACTIVE_SESSION_STATUSES)})`),
    // One free session per customer, decided by Postgres (SQLSTATE 23505): a free
    // session cancelled or expired before any mechanic accepted it does not count.
    uniqueIndex('uq_free_session_per_customer')
      .on(t.customerUserId)
      .where(
        sql`${sql.identifier('type')} = 'free' AND NOT ${sql.identifier('free_limit_exempt')} AND (${sql.identifier('status')} NOT IN ('cancelled', 'expired') OR ${sql.identifier('accepted_at')} IS NOT NULL)`,
      ),
    index('idx_sessions_customer_created').on(t.customerUserId, t.createdAt.desc()),
    index('idx_sessions_open_created')
      .on(t.createdAt)
      .where(sql`${sql.identifier('status')} IN ('pending', 'waiting')`),
    // The operations console's analytics (@autodoctor/analytics) read these by index only: by
    // creation (counts by type, abandonment), by accept (time to accept) and by end (live time).
    index('idx_sessions_analytics_created').on(t.createdAt, t.type, t.status, t.acceptedAt),
    index('idx_sessions_analytics_accepted')
      .on(t.acceptedAt, t.createdAt, t.scheduledFor, t.id)
      .where(sql`${sql.identifier('accepted_at')} IS NOT NULL`),
    index('idx_sessions_analytics_ended')
      .on(t.endedAt, t.startedAt, t.id)
      .where(sql`${sql.identifier('started_at')} IS NOT NULL`),
    // Sessions live during a range (the mechanics' live time), live ones (no end) included.
    // tstzrange refuses an end before the start: such a row fails loudly.
    index('idx_sessions_live_period')
      .using('gist', sql`tstzrange(${sql.identifier('started_at')}, ${sql.identifier('ended_at')})`)
      .where(sql`${sql.identifier('started_at')} IS NOT NULL`),
    index('idx_sessions_live')
      .on(t.startedAt)
      .where(sql`${sql.identifier('status')} = 'live'`),
    index('idx_sessions_scheduled_for')
      .on(t.id, t.scheduledFor)
      .where(sql`${sql.identifier('scheduled_for')} IS NOT NULL`),
    check('ck_sessions_vehicle_year', sql`${t.vehicleYear} BETWEEN 1886 AND 2100`),
    check('ck_sessions_charges_not_negative', sql`${t.chargedCredits} >= 0 AND ${t.chargedAmountCents} >= 0`),
    check(
      'ck_sessions_paid_has_checkout',
      sql`(${t.type} = 'paid') = (${t.stripeCheckoutSessionId} IS NOT NULL)`,
    ),
    check('ck_sessions_scheduled_has_time', sql`${t.status} <> 'scheduled' OR ${t.scheduledFor} IS NOT NULL`),
  ],
);

/** Who takes part in a session: its customer, and its mechanic once accepted. */
export const sessionParticipants = pgTable(
  'session_participants',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: userRole('role').notNull(),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
    /** Set when the session ends, is cancelled or expires. */
    leftAt: timestamptz('left_at'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    // The participant's role must be the user's role.
    foreignKey({
      name: 'fk_session_participants_user_role',
      columns: [t.userId, t.role],
      foreignColumns: [users.id, users.role],
    }),
    // A mechanic takes part in at most one session that is not over.
    uniqueIndex('uq_active_session_per_mechanic')
      .on(t.userId)
      .where(sql`${sql.identifier('role')} = 'mechanic' AND ${sql.identifier('left_at')} IS NULL`),
  ],
);

/** The queue entry offering a session to mechanics; the first accept wins. */
export const sessionAssignments = pgTable(
  'session_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .unique()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    status: assignmentStatus('status').notNull().default('queued'),
    mechanicUserId: text('mechanic_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    acceptedAt: timestamptz('accepted_at'),
  },
  (t) => [
    index('idx_session_assignments_queue')
      .on(t.createdAt)
      .where(sql`${sql.identifier('status')} = 'queued'`),
    index('idx_session_assignments_mechanic').on(t.mechanicUserId),
    // The analytics' accepts per mechanic over a range, by index only.
    index('idx_session_assignments_accepted')
      .on(t.acceptedAt, t.mechanicUserId, t.createdAt, t.sessionId)
      .where(sql`${sql.identifier('accepted_at')} IS NOT NULL`),
    // Queued means nobody has it; accepted names who and when. A cancelled or
    // expired entry keeps whoever had accepted it, for the record.
    check(
      'ck_session_assignments_mechanic',
      sql`(${t.status} = 'queued' AND ${t.mechanicUserId} IS NULL AND ${t.acceptedAt} IS NULL)
        OR (${t.status} = 'accepted' AND ${t.mechanicUserId} IS NOT NULL AND ${t.acceptedAt} IS NOT NULL)
        OR ${t.status} IN ('cancelled', 'expired')`,
    ),
  ],
);

/** Append-only audit trail; its ordered id is what realtime feeds resume from. */
export const sessionEvents = pgTable(
  'session_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    type: sessionEventType('type').notNull(),
    /** The user who caused it; null when the system did (expiry). */
    actorUserId: text('actor_user_id').references(() => users.id),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /**
     * The transaction that wrote the event. Ids are handed out before commit, so
     * a smaller id can become visible after a larger one; feeds instead read in
     * (tx_id, id) order and only up to the oldest transaction still running,
     * an order to which nothing is ever added behind a reader.
     */
    txId: xid8('tx_id')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('idx_session_events_session').on(t.sessionId, t.id),
    index('idx_session_events_position').on(t.txId, t.id),
    // The analytics' queue over time: when sessions entered the queue, and when each left it.
    index('idx_session_events_queue_entries')
      .on(t.createdAt, t.sessionId)
      .where(
        sql`${sql.identifier('type')} = 'entered_queue' OR (${sql.identifier('type')} = 'created' AND ${sql.identifier('payload')}->>'status' = 'pending')`,
      ),
    index('idx_session_events_queue_exits')
      .on(t.sessionId, t.createdAt)
      .where(sql`${sql.identifier('type')} IN ('assignment_accepted', 'cancelled', 'expired')`),
  ],
);

/**
 * When each periodic job of the API's scheduler last ran: an instance runs a
 * job only by moving its `last_run_at` forward with a conditional UPDATE, so
 * any number of instances run it once per period between them.
 */
export const schedulerJobs = pgTable('scheduler_jobs', {
  name: text('name').primaryKey(),
  lastRunAt: timestamptz('last_run_at').notNull(),
});
