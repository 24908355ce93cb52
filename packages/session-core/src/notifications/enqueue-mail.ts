import { type Database, type Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { MAIL_KINDS, type MailMessage } from '../rules/notifications.ts';

/**
 * Writes one email to the outbox (`mail_outbox`), in the caller's transaction, so the message
 * exists exactly when the event that causes it commits. Who gets it is decided here, in the
 * same statement: never a deleted account; receipts and optional mail only to a verified
 * address; optional mail not to someone who turned that kind off. A repeated `dedupeKey`
 * writes nothing (one message per event and recipient).
 *
 * @returns whether a message was written
 */
export async function enqueueMail(tx: Transaction | Database, message: MailMessage): Promise<boolean> {
  const { category } = MAIL_KINDS[message.kind];
  const rows = await tx.execute<{ id: string }>(sql`
    INSERT INTO mail_outbox (kind, user_id, to_address, payload, dedupe_key)
    SELECT ${message.kind}::mail_kind, u.id, COALESCE(${message.toAddress ?? null}::text, u.email),
           ${JSON.stringify(message.payload)}::jsonb, ${message.dedupeKey ?? null}::text
    FROM users u
    WHERE u.id = ${message.userId}
      AND u.deleted_at IS NULL
      AND (${category} = 'security' OR u.email_verified)
      AND (${category} <> 'optional' OR NOT EXISTS (
        SELECT 1 FROM notification_opt_outs o
        WHERE o.user_id = u.id AND o.channel = 'email' AND o.kind = ${message.kind}))
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return rows.length > 0;
}
