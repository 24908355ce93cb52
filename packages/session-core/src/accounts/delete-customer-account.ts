import { type Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { endAllSignIns } from './end-sign-ins.ts';
import { ACTIVE_SESSION_STATUSES } from '../rules/statuses.ts';
import type { Session } from '../types.ts';
import { cancelSession } from '../transitions/cancel-session.ts';
import { endSession } from '../transitions/end-session.ts';

/** What a deleted account's name becomes. */
export const DELETED_CUSTOMER_NAME = 'Deleted customer';
/** What each of a deleted customer's room messages reads. */
export const REMOVED_MESSAGE_TEXT = '(removed)';
/** The placeholder address of a deleted account (unique, and undeliverable: RFC 2606's `.invalid`). */
export const deletedAccountEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/** What the deletion did that its caller acts on after the commit. */
export interface DeletedCustomerAccount {
  /** The session that was active, as the cancellation (or end, when it was live) left it. */
  endedSession: { session: Session; wasAccepted: boolean; creditsRefunded: number } | null;
  /** The storage keys of the photos whose rows went: their bytes are the caller's to delete. */
  photoKeys: string[];
}

/**
 * Deletes a customer's account, in one transaction:
 * - an active session is called off first, as the customer would: cancelled before it goes live
 *   (`cancelSession`: credits back when no mechanic had it; a paid one is owed its card refund),
 *   ended when live (`endSession`);
 * - the personal data goes: name and email replaced, image cleared, `deleted_at` set; the photos'
 *   rows (the bytes: the caller's, after commit); every room message's text ("(removed)"); the
 *   VIN of every session and checkout; a quote decision's typed name, address and browser; a
 *   rating's comment; opt-outs, push subscriptions, mail not sent yet;
 * - signed out everywhere at once: logins, sessions and pending reset tokens deleted, the
 *   revocation recorded as `revokeSessions({ userId })` does (migration 0008's triggers tell every
 *   API instance at commit);
 * - what the mechanics' records and the statistics need stays: sessions (make, model, year,
 *   concern, status, times, amounts), their events, quotes, ledgers, ratings' stars.
 *
 * Returns null when there is no such customer (a mechanic, or deleted already): nothing changed.
 */
export async function deleteCustomerAccount(
  db: Database,
  userId: string,
): Promise<DeletedCustomerAccount | null> {
  return db.transaction(async (tx) => {
    // The row lock: a second deletion (or a sign-up race on the address) waits for this one.
    const [customer] = await tx.execute<{ id: string }>(sql`
      SELECT id FROM users
      WHERE id = ${userId} AND role = 'customer' AND deleted_at IS NULL
      FOR UPDATE`);
    if (!customer) return null;

    const [active] = await tx.execute<{ id: string; status: string }>(sql`
      SELECT id, status FROM sessions
      WHERE customer_user_id = ${userId}
        AND status IN (${sql.join(
          ACTIVE_SESSION_STATUSES.map((status) => sql`${status}::session_status`),
          sql`, `,
        )})
      FOR UPDATE`);
    let endedSession: DeletedCustomerAccount['endedSession'] = null;
    if (active) {
      const action = { sessionId: active.id, actorUserId: userId };
      endedSession =
        active.status === 'live'
          ? { session: await endSession(tx, action), wasAccepted: true, creditsRefunded: 0 }
          : await cancelSession(tx, action);
    }

    const photos = await tx.execute<{ storage_key: string; thumbnail_key: string }>(sql`
      DELETE FROM room_photos WHERE uploader_user_id = ${userId}
      RETURNING storage_key, thumbnail_key`);
    await tx.execute(sql`
      UPDATE room_entries SET body = ${REMOVED_MESSAGE_TEXT}
      WHERE author_user_id = ${userId} AND kind = 'message'`);
    await tx.execute(sql`UPDATE sessions SET vehicle_vin = NULL WHERE customer_user_id = ${userId}`);
    await tx.execute(sql`
      UPDATE checkout_intents SET intake = intake - 'vin'
      WHERE customer_user_id = ${userId} AND intake ? 'vin'`);
    await tx.execute(sql`
      UPDATE quote_decisions
      SET signature_name = ${DELETED_CUSTOMER_NAME}, client_address = NULL, user_agent = NULL
      WHERE customer_user_id = ${userId}`);
    await tx.execute(sql`UPDATE session_ratings SET comment = '' WHERE customer_user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM notification_opt_outs WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM push_subscriptions WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM mail_outbox WHERE user_id = ${userId} AND status = 'pending'`);

    await tx.execute(sql`DELETE FROM auth_accounts WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM auth_verifications WHERE value = ${userId}`);
    await endAllSignIns(tx, userId);
    await tx.execute(sql`
      UPDATE users
      SET name = ${DELETED_CUSTOMER_NAME}, email = ${deletedAccountEmail(userId)},
          email_verified = false, image = NULL, deleted_at = now(), updated_at = now()
      WHERE id = ${userId}`);

    return {
      endedSession,
      photoKeys: photos.flatMap((photo) => [photo.storage_key, photo.thumbnail_key]),
    };
  });
}
