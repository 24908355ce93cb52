import { sessions, type Database } from '@autodoctor/db';
import { and, eq, isNotNull, not, notInArray, or, sql } from 'drizzle-orm';
import { getCreditBalance } from '../credits.ts';
import { countOnlineMechanics } from './mechanic-presence.ts';

/** What a customer can start a session with now. */
export interface IntakeOptions {
  /** False once a free session used it up (see `usesFreeSession`). */
  freeSessionAvailable: boolean;
  credits: number;
  /** How many mechanics are online now (`countOnlineMechanics`). */
  mechanicsOnline: number;
}

/**
 * The intake form's choices for a customer. Informational only: the write
 * decides (`uq_free_session_per_customer`, the balance's conditional UPDATE).
 */
export async function getIntakeOptions(db: Database, customerUserId: string): Promise<IntakeOptions> {
  const [[used], credits, mechanicsOnline] = await Promise.all([
    db
      .select({ one: sql`1` })
      .from(sessions)
      .where(
        and(
          eq(sessions.customerUserId, customerUserId),
          eq(sessions.type, 'free'),
          not(sessions.freeLimitExempt),
          or(notInArray(sessions.status, ['cancelled', 'expired']), isNotNull(sessions.acceptedAt)),
        ),
      )
      .limit(1),
    getCreditBalance(db, customerUserId),
    countOnlineMechanics(db),
  ]);
  return { freeSessionAvailable: !used, credits, mechanicsOnline };
}
