import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { creditLedgerReason } from './enums.ts';
import { creditPurchases } from './credit-purchases.ts';
import { users } from './users.ts';

/** A customer's current credit balance; Postgres keeps it from going negative. */
export const customerCredits = pgTable(
  'customer_credits',
  {
    customerUserId: text('customer_user_id')
      .primaryKey()
      .references(() => users.id),
    balance: integer('balance').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('ck_customer_credits_balance_not_negative', sql`${t.balance} >= 0`)],
);

/**
 * Every change of a balance, append-only (a trigger refuses UPDATE and DELETE).
 * The balance always equals the sum of its customer's deltas.
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id),
    delta: integer('delta').notNull(),
    reason: creditLedgerReason('reason').notNull(),
    /**
     * The session debited or refunded. No foreign key (migration 0016): the ledger is the books and
     * stays whole when `pnpm archive` moves an old session out of the live tables.
     */
    sessionId: uuid('session_id'),
    /** The credit pack bought, for a `purchase`. */
    creditPurchaseId: uuid('credit_purchase_id').references((): AnyPgColumn => creditPurchases.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ck_credit_ledger_delta_not_zero', sql`${t.delta} <> 0`),
    // A session is debited at most once and refunded at most once.
    uniqueIndex('uq_credit_ledger_session_reason')
      .on(t.sessionId, t.reason)
      .where(sql`${sql.identifier('session_id')} IS NOT NULL`),
    // A credit pack is credited at most once, however often Stripe reports it.
    uniqueIndex('uq_credit_ledger_purchase')
      .on(t.creditPurchaseId)
      .where(sql`${sql.identifier('credit_purchase_id')} IS NOT NULL`),
    check(
      'ck_credit_ledger_purchase_reason',
      // As text: a new enum value cannot be used in the transaction that adds it (the migration).
      sql`(${t.reason}::text = 'purchase') = (${t.creditPurchaseId} IS NOT NULL)`,
    ),
  ],
);
