import { sessionEvents, sessionParticipants, sessions, type Transaction } from '@autodoctor/db';
import { and, eq, exists, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { IllegalTransitionError, NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import type { SessionEventType } from '../rules/events.ts';
import { sourcesOf, type SessionStatus } from '../rules/statuses.ts';
import type { Session } from '../types.ts';

export interface MoveSessionOptions {
  sessionId: string;
  to: SessionStatus;
  /** Must take part in the session (and not have left it), unless `byOperator`. */
  actorUserId: string;
  /**
   * The actor is an operator acting on someone else's session: no participation is asked. The
   * caller writes the action to `operator_actions` in the same transaction, whose key to
   * `users(id, role)` refuses anyone but an operator (and rolls the move back).
   */
  byOperator?: boolean;
  /** Columns to set beside the status, e.g. `startedAt`. */
  set?: Partial<Record<'acceptedAt' | 'startedAt' | 'endedAt' | 'requeuedAt', SQL>>;
  /** Only from these statuses (a subset of what the status machine allows into `to`). */
  from?: readonly SessionStatus[];
  /** When given, the move's audit event (payload `{ from, to }`) is written too. */
  event?: SessionEventType;
}

export interface MovedSession {
  session: Session;
  /** The status the session had before this move. */
  from: SessionStatus;
}

/**
 * Moves a session to `to` by one conditional UPDATE: it only matches while the
 * session is in a status allowed to go there (per SESSION_TRANSITIONS) and the
 * actor takes part in it, so two concurrent moves cannot both apply. When it
 * matches nothing, the reason is looked up to throw the right typed error.
 */
export async function moveSession(tx: Transaction, options: MoveSessionOptions): Promise<MovedSession> {
  const { sessionId, to, actorUserId } = options;
  // Locks the row and remembers its status before the update.
  const previous = tx
    .select({ id: sessions.id, status: sessions.status })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .for('update')
    .as('previous');
  const [moved] = await tx
    .update(sessions)
    .set({ status: to, ...options.set })
    .from(previous)
    .where(
      and(
        eq(sessions.id, previous.id),
        inArray(
          previous.status,
          sourcesOf(to).filter((status) => !options.from || options.from.includes(status)),
        ),
        options.byOperator
          ? undefined
          : exists(
              tx
                .select({ one: sessionParticipants.userId })
                .from(sessionParticipants)
                .where(
                  and(
                    eq(sessionParticipants.sessionId, sessions.id),
                    eq(sessionParticipants.userId, actorUserId),
                    isNull(sessionParticipants.leftAt),
                  ),
                ),
            ),
      ),
    )
    .returning({ ...getTableColumns(sessions), previousStatus: previous.status });
  if (moved) {
    const { previousStatus, ...session } = moved;
    if (options.event) {
      await tx.insert(sessionEvents).values({
        sessionId,
        type: options.event,
        actorUserId,
        payload: { from: previousStatus, to },
      });
    }
    return { session, from: previousStatus };
  }
  throw await explainRefusedMove(tx, sessionId, to, options.byOperator ? undefined : actorUserId);
}

async function explainRefusedMove(
  tx: Transaction,
  sessionId: string,
  to: SessionStatus,
  actorUserId: string | undefined,
): Promise<Error> {
  if (actorUserId === undefined) {
    const [session] = await tx
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    return session
      ? new IllegalTransitionError(sessionId, session.status, to)
      : new SessionNotFoundError(sessionId);
  }
  const [row] = await tx
    .select({ status: sessions.status, participant: sessionParticipants.userId })
    .from(sessions)
    .leftJoin(
      sessionParticipants,
      and(eq(sessionParticipants.sessionId, sessions.id), eq(sessionParticipants.userId, actorUserId)),
    )
    .where(eq(sessions.id, sessionId));
  if (!row) return new SessionNotFoundError(sessionId);
  if (!row.participant) return new NotAParticipantError(sessionId, actorUserId);
  return new IllegalTransitionError(sessionId, row.status, to);
}

/** Everyone still in the session leaves it now (it ended, was cancelled or expired). */
export async function releaseParticipants(tx: Transaction, sessionId: string): Promise<void> {
  await tx
    .update(sessionParticipants)
    .set({ leftAt: sql`now()` })
    .where(and(eq(sessionParticipants.sessionId, sessionId), isNull(sessionParticipants.leftAt)));
}
