import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './column-types.ts';
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
