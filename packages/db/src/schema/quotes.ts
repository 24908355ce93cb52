import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { quoteLineKind, quoteStatus } from './enums.ts';
import { sessions } from './sessions.ts';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

/**
 * One version of a repair quote a mechanic wrote from a session. Versions of one
 * quote share `series_id` (the first version's id); a revision is a new row, so a
 * sent version never changes (a trigger refuses edits of its content and lines).
 * Every amount is computed by session-core from the lines, in the quote's currency.
 */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    mechanicUserId: text('mechanic_user_id')
      .notNull()
      .references(() => users.id),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id),
    status: quoteStatus('status').notNull().default('draft'),
    currency: text('currency').notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    workshopName: text('workshop_name').notNull(),
    workshopAddress: text('workshop_address').notNull(),
    note: text('note').notNull().default(''),
    validUntil: timestamptz('valid_until').notNull(),
    /** Sums of the lines' amounts, taxes and totals (discounts count negative). */
    subtotalCents: integer('subtotal_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
    /** When it left `sent` (approved, declined, expired, withdrawn or superseded). */
    closedAt: timestamptz('closed_at'),
  },
  (t) => [
    uniqueIndex('uq_quotes_series_version').on(t.seriesId, t.version),
    // At most one draft and one sent version of a quote at any time.
    uniqueIndex('uq_quotes_series_open')
      .on(t.seriesId, t.status)
      .where(sql`${sql.identifier('status')} IN ('draft', 'sent')`),
    index('idx_quotes_session').on(t.sessionId, t.createdAt),
    index('idx_quotes_customer').on(t.customerUserId, t.createdAt.desc()),
    index('idx_quotes_mechanic').on(t.mechanicUserId, t.createdAt.desc()),
    // The analytics' quotes sent per bucket.
    index('idx_quotes_sent')
      .on(t.sentAt, t.currency, t.totalCents)
      .where(sql`${sql.identifier('sent_at')} IS NOT NULL`),
    index('idx_quotes_sent_valid_until')
      .on(t.validUntil)
      .where(sql`${sql.identifier('status')} = 'sent'`),
    check('ck_quotes_version_positive', sql`${t.version} >= 1`),
    check('ck_quotes_tax_rate', sql`${t.taxRateBps} BETWEEN 0 AND 5000`),
    check('ck_quotes_sent_at', sql`${t.status} = 'draft' OR ${t.sentAt} IS NOT NULL`),
    check('ck_quotes_closed_at', sql`(${t.status} IN ('draft', 'sent')) = (${t.closedAt} IS NULL)`),
  ],
);

/**
 * A line of a quote version, in the order shown. Quantity in thousandths (1.5 h of
 * labour is 1500), so the amount is `round_half_even(quantity_milli × unit_price / 1000)`;
 * the line's tax and total are computed the same way, per line, so that the approved
 * total is exactly the sum of the approved lines' totals.
 */
export const quoteLines = pgTable(
  'quote_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    kind: quoteLineKind('kind').notNull(),
    description: text('description').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    /** Signed: negative for a discount. */
    amountCents: integer('amount_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
  },
  (t) => [
    uniqueIndex('uq_quote_lines_position').on(t.quoteId, t.position),
    check('ck_quote_lines_quantity', sql`${t.quantityMilli} > 0`),
    check('ck_quote_lines_unit_price', sql`${t.unitPriceCents} >= 0`),
  ],
);

/**
 * The customer's decision on a sent quote version: who, when, from where, the typed
 * full name as signature, and the approved total (0 when every line was declined).
 * One per version (its primary key), so two concurrent decisions make one.
 */
export const quoteDecisions = pgTable(
  'quote_decisions',
  {
    quoteId: uuid('quote_id')
      .primaryKey()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id),
    signatureName: text('signature_name').notNull(),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
    approvedTotalCents: integer('approved_total_cents').notNull(),
    decidedAt: timestamptz('decided_at').notNull().defaultNow(),
  },
  (t) => [
    check('ck_quote_decisions_total', sql`${t.approvedTotalCents} >= 0`),
    // The analytics' decisions per bucket.
    index('idx_quote_decisions_decided').on(t.decidedAt, t.quoteId, t.approvedTotalCents),
  ],
);

/** Each line's part of a decision: approved or declined. Written with the decision. */
export const quoteLineDecisions = pgTable(
  'quote_line_decisions',
  {
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quoteDecisions.quoteId, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => quoteLines.id, { onDelete: 'cascade' }),
    approved: boolean('approved').notNull(),
  },
  (t) => [primaryKey({ columns: [t.quoteId, t.lineId] })],
);
