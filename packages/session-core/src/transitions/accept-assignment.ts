import {
  isConstraintViolation,
  sessionAssignments,
  sessionEvents,
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
  MechanicNotFoundError,
} from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Assignment, Session } from '../types.ts';

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
 * `uq_active_session_per_mechanic`).
 *
 * @throws {AssignmentNotFoundError} no such assignment
 * @throws {AssignmentUnavailableError} another mechanic was first, or the session left the queue
 * @throws {MechanicNotFoundError} no such user, or the user is not a mechanic
 * @throws {MechanicBusyError} the mechanic already has an active session
 */
export async function acceptAssignment(
  db: Database,
  input: AcceptAssignmentInput,
): Promise<AcceptedAssignment> {
  const { assignmentId, mechanicUserId } = input;
  if (!isUuid(assignmentId)) throw new AssignmentNotFoundError(assignmentId);
  try {
    return await db.transaction(async (tx) => {
      // The session row is the lock every move of this session takes first.
      const [session] = await tx
        .update(sessions)
        .set({ status: 'waiting', acceptedAt: sql`now()` })
        .where(
          and(
            eq(
              sessions.id,
              tx
                .select({ id: sessionAssignments.sessionId })
                .from(sessionAssignments)
                .where(eq(sessionAssignments.id, assignmentId)),
            ),
            eq(sessions.status, 'pending'),
          ),
        )
        .returning();
      const [assignment] = session
        ? await tx
            .update(sessionAssignments)
            .set({ status: 'accepted', mechanicUserId, acceptedAt: sql`now()` })
            .where(and(eq(sessionAssignments.id, assignmentId), eq(sessionAssignments.status, 'queued')))
            .returning()
        : [];
      if (!session || !assignment) {
        const [current] = await tx
          .select({ status: sessionAssignments.status })
          .from(sessionAssignments)
          .where(eq(sessionAssignments.id, assignmentId));
        if (!current) throw new AssignmentNotFoundError(assignmentId);
        throw new AssignmentUnavailableError(assignmentId, current.status);
      }
      await tx
        .insert(sessionParticipants)
        .values({ sessionId: session.id, userId: mechanicUserId, role: 'mechanic' });
      await tx.insert(sessionEvents).values({
        sessionId: session.id,
        type: 'assignment_accepted',
        actorUserId: mechanicUserId,
        payload: { assignmentId, mechanicUserId, from: 'pending', to: 'waiting' },
      });
      return { session, assignment };
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
