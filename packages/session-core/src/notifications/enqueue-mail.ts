import { type Database, type Transaction } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';
import { MAIL_KINDS, type MailMessage } from '../rules/notifications.ts';

/** A tagged template that makes a statement: Drizzle's `sql` or a postgres.js client (or transaction). */
type StatementTag<Statement> = (strings: TemplateStringsArray, ...values: unknown[]) => Statement;

/**
 * The one statement that writes a message, whichever client runs it. Who gets it is decided here:
 * never a deleted account; receipts and optional mail only to a verified address; optional mail
 * not to someone who turned that kind off. A repeated `dedupeKey` writes nothing.
 */
function enqueueStatement<Statement>(tag: StatementTag<Statement>, message: MailMessage): Statement {
  const { category } = MAIL_KINDS[message.kind];
  return tag`
    INSERT INTO mail_outbox (kind, user_id, to_address, payload, dedupe_key)
    SELECT ${message.kind}::mail_kind, u.id, COALESCE(${message.toAddress ?? null}::text, u.email),
           ${JSON.stringify(message.payload)}::jsonb, ${message.dedupeKey ?? null}::text
    FROM users u
    WHERE u.id = ${message.userId}
      AND u.deleted_at IS NULL
      AND (${category}::text = 'security' OR u.email_verified)
      AND (${category}::text <> 'optional' OR NOT EXISTS (
        SELECT 1 FROM notification_opt_outs o
        WHERE o.user_id = u.id AND o.channel = 'email' AND o.kind = ${message.kind}))
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
}

/**
 * Writes one email to the outbox (`mail_outbox`), in the caller's transaction, so the message
 * exists exactly when the event that causes it commits (see `enqueueStatement` for who gets it).
 *
 * @returns whether a message was written
 */
export async function enqueueMail(tx: Transaction | Database, message: MailMessage): Promise<boolean> {
  const rows = await tx.execute<{ id: string }>(enqueueStatement(sql as StatementTag<SQL>, message));
  return rows.length > 0;
}

/** The same on postgres.js directly, for session-core's hand-written hot paths (`createSessionRecord`). */
export async function enqueueMailOn(
  client: postgres.Sql | postgres.TransactionSql,
  message: MailMessage,
): Promise<boolean> {
  const rows = await enqueueStatement(
    client as unknown as StatementTag<postgres.PendingQuery<postgres.Row[]>>,
    message,
  );
  return rows.length > 0;
}
