import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './column-types.ts';
import { operatorAction, userRole } from './enums.ts';
import { users } from './users.ts';

/**
 * Every opening of a session room's transcript by an operator, append-only: who, which session,
 * when and why. Operators read it in the console. `session_id` has no foreign key: the log
 * outlives the session (the archive removes sessions; the record of who read them stays).
 */
export const transcriptAccessLog = pgTable(
  'transcript_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    operatorUserId: text('operator_user_id')
      .notNull()
      .references(() => users.id),
    sessionId: uuid('session_id').notNull(),
    reason: text('reason').notNull(),
    openedAt: timestamptz('opened_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_transcript_access_log_opened').on(t.openedAt.desc(), t.id.desc()),
    index('idx_transcript_access_log_session').on(t.sessionId),
  ],
);

/**
 * The audit of operators' actions, append-only (a trigger): who did what to which account or
 * session, when and why, written in the transaction of the action itself. Postgres refuses a row
 * naming anyone but an operator (`operator_role` and the composite key to `users(id, role)`).
 * `session_id` has no foreign key, so the record outlives an archived session.
 */
export const operatorActions = pgTable(
  'operator_actions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    operatorUserId: text('operator_user_id').notNull(),
    operatorRole: userRole('operator_role').notNull().default('operator'),
    action: operatorAction('action').notNull(),
    /** The account acted on (a mechanic disabled, enabled or invited). */
    subjectUserId: text('subject_user_id').references(() => users.id),
    sessionId: uuid('session_id'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'fk_operator_actions_operator_role',
      columns: [t.operatorUserId, t.operatorRole],
      foreignColumns: [users.id, users.role],
    }),
    check('ck_operator_actions_operator_role', sql`${t.operatorRole} = 'operator'`),
    index('idx_operator_actions_created').on(t.createdAt.desc(), t.id.desc()),
    index('idx_operator_actions_session').on(t.sessionId),
    index('idx_operator_actions_subject').on(t.subjectUserId),
  ],
);
