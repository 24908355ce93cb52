import {
  operatorActions,
  sessionAssignments,
  sessionEvents,
  type Database,
  type Transaction,
} from '@autodoctor/db';
import type { OPERATOR_ACTION_VALUES } from '@autodoctor/db/enum-values';
import { and, eq, sql } from 'drizzle-orm';
import { InvalidSessionInputError, SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { OPERATOR_REASON, REQUEUE_STATUSES } from '../rules/operations.ts';
import { cancelInTransaction, type CancelledSession } from '../transitions/cancel-session.ts';
import { moveSession } from '../transitions/move-session.ts';
import type { Session } from '../types.ts';

/** What an operator did (`operator_actions.action`). */
export type OperatorAction = (typeof OPERATOR_ACTION_VALUES)[number];

/**
 * An operator's reason as it is kept: trimmed, 3 to 500 characters (OPERATOR_REASON).
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 */
export function operatorReasonOf(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < OPERATOR_REASON.min || trimmed.length > OPERATOR_REASON.max) {
    throw new InvalidSessionInputError([
      { path: 'reason', message: `Must be ${OPERATOR_REASON.min} to ${OPERATOR_REASON.max} characters` },
    ]);
  }
  return trimmed;
}

/** One line of the audit of operators' actions. */
export interface OperatorActionRecord {
  operatorUserId: string;
  action: OperatorAction;
  subjectUserId?: string | undefined;
  sessionId?: string | undefined;
  reason?: string | undefined;
  details?: Record<string, unknown>;
}

/**
 * Writes an operator's action to the audit, in the transaction of the action itself (so both
 * happen or neither). Postgres refuses a row naming anyone but an operator, which rolls the action
 * back with it.
 */
export async function recordOperatorAction(tx: Transaction, record: OperatorActionRecord): Promise<void> {
  await tx.insert(operatorActions).values({
    operatorUserId: record.operatorUserId,
    action: record.action,
    subjectUserId: record.subjectUserId ?? null,
    sessionId: record.sessionId ?? null,
    reason: record.reason ?? null,
    details: record.details ?? {},
  });
}

/** Which session, which operator, and why. */
export interface OperatorSessionActionInput {
  sessionId: string;
  operatorUserId: string;
  reason: string;
}

/** The session back in the queue, and the mechanic who had it. */
export interface RequeuedSession {
  session: Session;
  /** The mechanic released from it (no longer a participant). */
  releasedMechanicUserId: string | null;
}

/**
 * An operator puts an accepted (`waiting`) or `live` session back in the queue, in one transaction:
 * the session is `pending` again (its two hours before expiry start anew), its queue entry is
 * `queued` again in its old place, the mechanic is out of it (their participant row deleted: a
 * participant who left still reads the session, and the conversation goes on with someone else),
 * an `entered_queue` event names the operator and the reason, and the audit records it.
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 * @throws {SessionNotFoundError} no such session
 * @throws {IllegalTransitionError} the session is not waiting or live
 */
export async function requeueSession(
  db: Database,
  input: OperatorSessionActionInput,
): Promise<RequeuedSession> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  const reason = operatorReasonOf(input.reason);
  return db.transaction(async (tx) => {
    const requeued = await requeueInTransaction(tx, { ...input, reason });
    await recordOperatorAction(tx, {
      operatorUserId: input.operatorUserId,
      action: 'session_requeued',
      sessionId: input.sessionId,
      subjectUserId: requeued.releasedMechanicUserId ?? undefined,
      reason,
    });
    return requeued;
  });
}

/** The requeue itself, in the caller's transaction (a disabled mechanic's session goes this way too). */
export async function requeueInTransaction(
  tx: Transaction,
  input: OperatorSessionActionInput,
): Promise<RequeuedSession> {
  const { session, from } = await moveSession(tx, {
    sessionId: input.sessionId,
    actorUserId: input.operatorUserId,
    byOperator: true,
    to: 'pending',
    from: REQUEUE_STATUSES,
    set: { acceptedAt: sql`NULL`, startedAt: sql`NULL`, requeuedAt: sql`now()` },
  });
  await tx
    .update(sessionAssignments)
    .set({ status: 'queued', mechanicUserId: null, acceptedAt: null })
    .where(and(eq(sessionAssignments.sessionId, session.id), eq(sessionAssignments.status, 'accepted')));
  const [released] = await tx.execute<{ user_id: string }>(sql`
    DELETE FROM session_participants
    WHERE session_id = ${session.id} AND role = 'mechanic'
    RETURNING user_id`);
  await tx.insert(sessionEvents).values({
    sessionId: session.id,
    type: 'entered_queue',
    actorUserId: input.operatorUserId,
    payload: { from, to: session.status, byOperator: true, reason: input.reason },
  });
  return { session, releasedMechanicUserId: released?.user_id ?? null };
}

/**
 * An operator calls a session off before it goes live, with the customer's refund rules
 * (`cancelSession`: credits back, or a card refund owed, when no mechanic had accepted); the
 * `cancelled` event and the audit keep the operator and the reason.
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 * @throws {SessionNotFoundError} no such session
 * @throws {IllegalTransitionError} the session is live or over
 */
export async function cancelSessionAsOperator(
  db: Database,
  input: OperatorSessionActionInput,
): Promise<CancelledSession> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  const reason = operatorReasonOf(input.reason);
  return db.transaction(async (tx) => {
    const cancelled = await cancelInTransaction(tx, {
      sessionId: input.sessionId,
      actorUserId: input.operatorUserId,
      operatorReason: reason,
    });
    await recordOperatorAction(tx, {
      operatorUserId: input.operatorUserId,
      action: 'session_cancelled',
      sessionId: input.sessionId,
      reason,
      details: { creditsRefunded: cancelled.creditsRefunded, wasAccepted: cancelled.wasAccepted },
    });
    return cancelled;
  });
}

/** The most audit lines one read returns (newest first). */
export const OPERATOR_ACTION_LIMIT = 200;

/** One line of the audit, as operators read it. */
export interface OperatorActionLine {
  id: number;
  action: OperatorAction;
  operatorName: string;
  operatorEmail: string;
  /** The account acted on (a mechanic), when there is one. */
  subjectName: string | null;
  subjectEmail: string | null;
  sessionId: string | null;
  reason: string | null;
  at: Date;
}

/** The audit of operators' actions, newest first (OPERATOR_ACTION_LIMIT lines): every operator reads it. */
export async function listOperatorActions(db: Database): Promise<OperatorActionLine[]> {
  const rows = await db.execute<{
    id: string;
    action: OperatorAction;
    operator_name: string;
    operator_email: string;
    subject_name: string | null;
    subject_email: string | null;
    session_id: string | null;
    reason: string | null;
    created_at: string;
  }>(sql`
    SELECT a.id, a.action, o.name AS operator_name, o.email AS operator_email,
           s.name AS subject_name, s.email AS subject_email, a.session_id, a.reason, a.created_at
    FROM operator_actions AS a
    JOIN users AS o ON o.id = a.operator_user_id
    LEFT JOIN users AS s ON s.id = a.subject_user_id
    ORDER BY a.created_at DESC, a.id DESC LIMIT ${OPERATOR_ACTION_LIMIT}`);
  return [...rows].map((row) => ({
    id: Number(row.id),
    action: row.action,
    operatorName: row.operator_name,
    operatorEmail: row.operator_email,
    subjectName: row.subject_name,
    subjectEmail: row.subject_email,
    sessionId: row.session_id,
    reason: row.reason,
    at: new Date(row.created_at),
  }));
}
