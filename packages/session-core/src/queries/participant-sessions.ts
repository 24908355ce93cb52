import {
  sessionAssignments,
  sessionParticipants,
  sessions,
  sessionSummaries,
  users,
  type Database,
} from '@autodoctor/db';
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { cursorKey, pageOf, type Page, type PageOptions } from '../pagination.ts';
import { ACTIVE_SESSION_STATUSES } from '../rules/statuses.ts';
import type { Session } from '../types.ts';
import { intakePhotosColumn, type StoredPhoto } from './photo-ref.ts';

/** What the mechanic wrote when ending a session. */
export interface SessionSummary {
  found: string;
  nextSteps: string;
  workshopVisitNeeded: boolean;
  writtenAt: Date;
}

/**
 * A session with the name of the mechanic who accepted it (null until accepted), their summary
 * (null until the end) and the photos of its intake (only ever read for the session's participants).
 */
export type SessionWithMechanic = Session & {
  mechanicName: string | null;
  summary: SessionSummary | null;
  intakePhotos: StoredPhoto[];
};

// The accepting mechanic's name, joined in the read (the assignment names who accepted it), and
// the summary (left-joined on `sessionSummaries`: null until the mechanic ends the session).
const withMechanic = {
  session: sessions,
  mechanicName: users.name,
  summary: {
    found: sessionSummaries.found,
    nextSteps: sessionSummaries.nextSteps,
    workshopVisitNeeded: sessionSummaries.workshopVisitNeeded,
    writtenAt: sessionSummaries.createdAt,
  },
  intakePhotos: intakePhotosColumn(sessions.id),
};
const flatten = (row: {
  session: Session;
  mechanicName: string | null;
  summary: SessionSummary | null;
  intakePhotos: StoredPhoto[];
}): SessionWithMechanic => ({
  ...row.session,
  mechanicName: row.mechanicName,
  summary: row.summary,
  intakePhotos: row.intakePhotos,
});

/**
 * A session read for one of its participants: with the accepting mechanic's
 * name and the customer's name (`toMechanicSessionView` shows its first word
 * to the mechanic; customers' views leave it out).
 */
export type ParticipantSession = SessionWithMechanic & { customerName: string };

// The customer's user row, joined beside the mechanic's.
const customerUsers = alias(users, 'customer_users');
const withNames = { ...withMechanic, customerName: customerUsers.name };
const flattenNamed = (row: {
  session: Session;
  mechanicName: string | null;
  summary: SessionSummary | null;
  intakePhotos: StoredPhoto[];
  customerName: string;
}): ParticipantSession => ({ ...flatten(row), customerName: row.customerName });

/** Who is asking: reads only ever return that user's own sessions. */
export interface Reader {
  userId: string;
  role: 'customer' | 'mechanic';
}

/**
 * The session that occupies the user now (for the banner), or null: a
 * customer's session in an active status, or the one a mechanic has accepted
 * and not yet left.
 */
export async function findActiveSession(db: Database, reader: Reader): Promise<ParticipantSession | null> {
  if (reader.role === 'customer') {
    const [row] = await db
      .select(withNames)
      .from(sessions)
      .innerJoin(customerUsers, eq(customerUsers.id, sessions.customerUserId))
      .leftJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessions.id))
      .leftJoin(users, eq(users.id, sessionAssignments.mechanicUserId))
      .leftJoin(sessionSummaries, eq(sessionSummaries.sessionId, sessions.id))
      .where(
        and(eq(sessions.customerUserId, reader.userId), inArray(sessions.status, ACTIVE_SESSION_STATUSES)),
      );
    return row ? flattenNamed(row) : null;
  }
  const [row] = await db
    .select(withNames)
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .innerJoin(customerUsers, eq(customerUsers.id, sessions.customerUserId))
    .leftJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessions.id))
    .leftJoin(users, eq(users.id, sessionAssignments.mechanicUserId))
    .leftJoin(sessionSummaries, eq(sessionSummaries.sessionId, sessions.id))
    .where(
      and(
        eq(sessionParticipants.userId, reader.userId),
        eq(sessionParticipants.role, 'mechanic'),
        isNull(sessionParticipants.leftAt),
      ),
    );
  return row ? flattenNamed(row) : null;
}

/**
 * One session, for one of its participants (its customer, or the mechanic who
 * accepted it), also after it is over.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the session is somebody else's
 */
export async function getParticipantSession(
  db: Database,
  sessionId: string,
  reader: Reader,
): Promise<ParticipantSession> {
  if (!isUuid(sessionId)) throw new SessionNotFoundError(sessionId);
  const [row] = await db
    .select({ ...withNames, participant: sessionParticipants.userId })
    .from(sessions)
    .innerJoin(customerUsers, eq(customerUsers.id, sessions.customerUserId))
    .leftJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessions.id))
    .leftJoin(users, eq(users.id, sessionAssignments.mechanicUserId))
    .leftJoin(sessionSummaries, eq(sessionSummaries.sessionId, sessions.id))
    .leftJoin(
      sessionParticipants,
      and(
        eq(sessionParticipants.sessionId, sessions.id),
        eq(sessionParticipants.userId, reader.userId),
        eq(sessionParticipants.role, reader.role),
      ),
    )
    .where(eq(sessions.id, sessionId));
  if (!row) throw new SessionNotFoundError(sessionId);
  if (!row.participant) throw new NotAParticipantError(sessionId, reader.userId);
  return flattenNamed(row);
}

/** A page of a participant's sessions, newest first. */
export type SessionPage = Page<SessionWithMechanic>;

// The cursor is the last row's (created_at, id): stable while new sessions arrive.
function sessionKey([createdAt, id]: unknown[]): [Date, string] | undefined {
  const date = new Date(String(createdAt));
  const year = date.getUTCFullYear();
  // Only dates a session can have (and PostgreSQL can store).
  return year >= 2000 && year <= 9999 && typeof id === 'string' && isUuid(id) ? [date, id] : undefined;
}

/**
 * A participant's sessions, newest first (by creation), `limit` at a time
 * (keyset pagination): a customer's own, or those a mechanic accepted (the
 * assignment names them, kept after a cancel or expiry).
 *
 * @throws {InvalidSessionInputError} a cursor this list did not return
 */
export async function listParticipantSessions(
  db: Database,
  reader: Reader,
  options: PageOptions,
): Promise<SessionPage> {
  const after = cursorKey(options, sessionKey);
  const rows = await db
    .select(withMechanic)
    .from(sessions)
    .leftJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessions.id))
    .leftJoin(users, eq(users.id, sessionAssignments.mechanicUserId))
    .leftJoin(sessionSummaries, eq(sessionSummaries.sessionId, sessions.id))
    .where(
      and(
        reader.role === 'customer'
          ? eq(sessions.customerUserId, reader.userId)
          : eq(sessionAssignments.mechanicUserId, reader.userId),
        after
          ? or(
              lt(sessions.createdAt, after[0]),
              and(eq(sessions.createdAt, after[0]), lt(sessions.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(options.limit + 1);
  return pageOf(rows.map(flatten), options.limit, (last) => [last.createdAt.toISOString(), last.id]);
}

/** A customer's sessions, newest first, `limit` at a time (see `listParticipantSessions`). */
export function listCustomerSessions(
  db: Database,
  customerUserId: string,
  options: PageOptions,
): Promise<SessionPage> {
  return listParticipantSessions(db, { userId: customerUserId, role: 'customer' }, options);
}
