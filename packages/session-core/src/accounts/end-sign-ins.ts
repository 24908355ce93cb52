import type { Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';

/**
 * Signs a user out everywhere, in the caller's transaction: every sign-in deleted and the user's
 * revocation recorded (migration 0008's trigger tells every API instance at commit, and each then
 * refuses the signed copies of their cookies).
 */
export async function endAllSignIns(tx: Transaction, userId: string): Promise<void> {
  await tx.execute(sql`
    WITH ended AS (DELETE FROM auth_sessions WHERE user_id = ${userId})
    INSERT INTO auth_session_revocations (kind, subject) VALUES ('user', ${userId})
    ON CONFLICT (kind, subject) DO UPDATE SET revoked_at = now()`);
}
