import { sessionAssignments, sessionEvents, type Database, type Transaction } from '@autodoctor/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { enqueueRefundMail } from '../notifications/session-mail.ts';
import type { Session } from '../types.ts';
import { moveSession, releaseParticipants } from './move-session.ts';
import type { SessionActionInput } from './start-session.ts';

/** The cancelled session and what the cancellation gave back. */
export interface CancelledSession {
  session: Session;
  /** Credits given back to the customer (a credit session no mechanic had accepted). */
  creditsRefunded: number;
  /** True when a mechanic had accepted before the cancellation. */
  wasAccepted: boolean;
}

/**
 * Calls a session off before it goes live: `pending` | `waiting` | `scheduled`
 * → `cancelled`. Its assignment is cancelled, its participants released, and
 * when no mechanic had accepted, a credit session's credits come back through
 * the ledger (once: `refund_session_credits()` is idempotent), with the customer's
 * `session_refund` email. A paid session's
 * card refund is the caller's business (Stripe), guided by `wasAccepted`.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the actor does not take part in it
 * @throws {IllegalTransitionError} the session is live or over
 */
export async function cancelSession(
  db: Database | Transaction,
  input: SessionActionInput,
): Promise<CancelledSession> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  return db.transaction((tx) => cancelInTransaction(tx, input));
}

/**
 * The cancellation itself, in the caller's transaction: by a participant, or by an operator
 * (`operatorReason`: no participation asked, the reason kept on the `cancelled` event).
 */
export async function cancelInTransaction(
  tx: Transaction,
  input: SessionActionInput & { operatorReason?: string },
): Promise<CancelledSession> {
  const byOperator = input.operatorReason !== undefined;
  const { session, from } = await moveSession(tx, {
    sessionId: input.sessionId,
    actorUserId: input.actorUserId,
    byOperator,
    to: 'cancelled',
    set: { endedAt: sql`now()` },
  });
  const [assignment] = await tx
    .update(sessionAssignments)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(sessionAssignments.sessionId, session.id),
        inArray(sessionAssignments.status, ['queued', 'accepted']),
      ),
    )
    .returning({ mechanicUserId: sessionAssignments.mechanicUserId });
  const wasAccepted = Boolean(assignment?.mechanicUserId);
  await releaseParticipants(tx, session.id);
  let creditsRefunded = 0;
  if (!wasAccepted) {
    const [refund] = await tx.execute<{ credits: number }>(
      sql`SELECT refund_session_credits(${session.id}) AS credits`,
    );
    creditsRefunded = refund?.credits ?? 0;
    if (creditsRefunded > 0) await enqueueRefundMail(tx, session.id, { credits: creditsRefunded });
  }
  await tx.insert(sessionEvents).values({
    sessionId: session.id,
    type: 'cancelled',
    actorUserId: input.actorUserId,
    payload: {
      from,
      to: session.status,
      creditsRefunded,
      wasAccepted,
      ...(byOperator ? { byOperator, reason: input.operatorReason } : {}),
    },
  });
  return { session, creditsRefunded, wasAccepted };
}
