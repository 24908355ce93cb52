import {
  fromRow,
  isConstraintViolation,
  postgresErrorOf,
  sessionAssignments,
  sessionParticipants,
  sessions,
  SqlState,
  type Database,
} from '@autodoctor/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  AssignmentNotFoundError,
  AssignmentUnavailableError,
  MechanicBusyError,
  MechanicDisabledError,
  MechanicNotFoundError,
} from '../errors.ts';
import { isUuid } from '../ids.ts';
import { enqueueSessionMail } from '../notifications/session-mail.ts';
import type { AssignmentStatus } from '../rules/statuses.ts';
import type { Assignment, Session } from '../types.ts';

/** A row as `to_jsonb` returns it (column names as keys), decoded by `fromRow`. */
type Row = Record<string, unknown>;

/** Which queued assignment, and the mechanic taking it. */
export interface AcceptAssignmentInput {
  assignmentId: string;
  mechanicUserId: string;
}

/** The session (now `waiting`) and its assignment (now `accepted`). */
export interface AcceptedAssignment {
  session: Session;
  assignment: Assignment;
}

/**
 * A mechanic takes a queued session: the assignment becomes `accepted`, the
 * session `waiting`, the mechanic joins as a participant and an
 * `assignment_accepted` event is written, in one transaction.
 *
 * First accept wins: the session moves by a conditional UPDATE
 * (`WHERE status = 'pending'`), so of any number of concurrent accepts exactly
 * one matches; the others get {@link AssignmentUnavailableError}. A mechanic
 * holds at most one session that is not over (index
 * `uq_active_session_per_mechanic`). The customer's `session_accepted` email is
 * written in the same transaction (by the winner only).
 *
 * @throws {AssignmentNotFoundError} no such assignment
 * @throws {AssignmentUnavailableError} another mechanic was first, or the session left the queue
 * @throws {MechanicNotFoundError} no such user, or the user is not a mechanic
 * @throws {MechanicBusyError} the mechanic already has an active session
 * @throws {MechanicDisabledError} an operator disabled the mechanic's account
 */
export async function acceptAssignment(
  db: Database,
  input: AcceptAssignmentInput,
): Promise<AcceptedAssignment> {
  const { assignmentId, mechanicUserId } = input;
  if (!isUuid(assignmentId)) throw new AssignmentNotFoundError(assignmentId);
  const payload = { assignmentId, mechanicUserId, from: 'pending', to: 'waiting' };
  try {
    // One statement decides: the 50 mechanics racing for a session each wait on the session row
    // once and are answered at once. The session row is the lock every move of this session takes
    // first (the other parts wait for `moved`). A statement is atomic: a failing part (a busy
    // mechanic, a user who is no mechanic) leaves nothing written. Only the winner goes on to
    // write the customer's email in the same transaction (losers commit nothing).
    return await db.transaction(async (tx) => {
      const [row] = await tx.execute<{
        session: Row | null;
        assignment: Row | null;
        status: AssignmentStatus | null;
        mechanic_disabled: boolean | null;
      }>(sql`
      WITH moved AS (
        UPDATE sessions SET status = 'waiting', accepted_at = now()
        WHERE id = (SELECT session_id FROM session_assignments WHERE id = ${assignmentId}::uuid)
          AND status = 'pending'
        RETURNING *
      ), taken AS (
        UPDATE session_assignments
        SET status = 'accepted', mechanic_user_id = ${mechanicUserId}, accepted_at = now()
        WHERE id = ${assignmentId}::uuid AND status = 'queued' AND EXISTS (SELECT FROM moved)
        RETURNING *
      ), joined AS (
        -- The mechanic comes from the moved assignment: a session moved without it (a pending
        -- session whose assignment is not queued) inserts a NULL user and fails the statement.
        INSERT INTO session_participants (session_id, user_id, role)
        SELECT moved.id, taken.mechanic_user_id, 'mechanic' FROM moved LEFT JOIN taken ON true
      ), announced AS (
        INSERT INTO session_events (session_id, type, actor_user_id, payload)
        SELECT moved.id, 'assignment_accepted', ${mechanicUserId}, ${JSON.stringify(payload)}::jsonb FROM moved
      ), mechanic AS (
        -- The winner only (losers stay read-only), FOR SHARE: an operator disabling this mechanic
        -- holds the row FOR UPDATE, so this accept either commits first (and the disable requeues
        -- the session) or waits for the disable and reads the account as disabled (rolled back).
        SELECT disabled_at IS NOT NULL AS disabled FROM users
        WHERE id = ${mechanicUserId} AND EXISTS (SELECT FROM moved)
        FOR SHARE
      ), refused AS (
        -- Why not, when the session did not move: the assignment in this statement's snapshot,
        -- without a lock (a row lock makes a loser a writing transaction: an xid and a WAL flush).
        SELECT status FROM session_assignments
        WHERE id = ${assignmentId}::uuid AND NOT EXISTS (SELECT FROM moved)
      ), refused_now AS (
        -- Still queued there: the snapshot may predate a winner this statement waited for. A
        -- locking read (after moved, so in the lock order of every move) sees the row as it is now.
        SELECT status FROM session_assignments
        WHERE id = ${assignmentId}::uuid AND EXISTS (SELECT FROM refused WHERE status = 'queued')
        FOR SHARE
      )
      SELECT (SELECT to_jsonb(moved) FROM moved) AS session, (SELECT to_jsonb(taken) FROM taken) AS assignment,
             coalesce((SELECT status FROM refused_now), (SELECT status FROM refused)) AS status,
             (SELECT disabled FROM mechanic) AS mechanic_disabled`);
      // Thrown inside the transaction: the moves of this statement roll back with it.
      if (row?.mechanic_disabled) throw new MechanicDisabledError(mechanicUserId);
      if (row?.session && row.assignment) {
        const session = fromRow(sessions, row.session);
        await enqueueSessionMail(tx, 'session_accepted', session.id);
        return { session, assignment: fromRow(sessionAssignments, row.assignment) };
      }
      if (!row?.status) throw new AssignmentNotFoundError(assignmentId);
      throw new AssignmentUnavailableError(assignmentId, row.status);
    });
  } catch (error) {
    if (
      isConstraintViolation(error, SqlState.foreignKeyViolation, 'fk_session_participants_user_role') ||
      isConstraintViolation(
        error,
        SqlState.foreignKeyViolation,
        'session_assignments_mechanic_user_id_users_id_fk',
      ) ||
      // Already a participant: the session's own customer, who is no mechanic.
      isConstraintViolation(error, SqlState.uniqueViolation, 'session_participants_session_id_user_id_pk')
    ) {
      throw new MechanicNotFoundError(mechanicUserId);
    }
    if (postgresErrorOf(error)?.code === SqlState.notNullViolation) {
      // The session moved without its assignment (see `joined` above): nothing was written.
      const [current] = await db
        .select({ status: sessionAssignments.status })
        .from(sessionAssignments)
        .where(eq(sessionAssignments.id, assignmentId));
      throw new AssignmentUnavailableError(assignmentId, current?.status ?? 'queued');
    }
    if (isConstraintViolation(error, SqlState.uniqueViolation, 'uq_active_session_per_mechanic')) {
      const [active] = await db
        .select({ sessionId: sessionParticipants.sessionId })
        .from(sessionParticipants)
        .where(
          and(
            eq(sessionParticipants.userId, mechanicUserId),
            eq(sessionParticipants.role, 'mechanic'),
            isNull(sessionParticipants.leftAt),
          ),
        );
      throw new MechanicBusyError(mechanicUserId, active?.sessionId);
    }
    throw error;
  }
}
