import { sessionRatings, sessions, type Database } from '@autodoctor/db';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { InvalidSessionInputError, RatingLockedError, RatingNotAllowedError } from './errors.ts';
import { isUuid } from './ids.ts';
import { cursorKey, pageOf, type Page, type PageOptions } from './pagination.ts';
import type { SessionView } from './queries/session-view.ts';
import { vehicleOf } from './queries/vehicle.ts';
import {
  RATING_CHANGE_DAYS,
  ratingChangeableUntil,
  ratingInputSchema,
  type RatingInput,
} from './rules/ratings.ts';

/** A rating as the mechanic's ratings page and the customer's views show it (never the customer's name). */
export interface RatingView {
  sessionId: string;
  stars: number;
  comment: string;
  createdAt: Date;
  updatedAt: Date;
  /** After this the rating is locked (RATING_CHANGE_DAYS after it was first given). */
  changeableUntil: Date;
  vehicle: { year: number; make: string; model: string };
  customerName?: never;
}

/** The rating shown on the customer's own session views. */
export interface SessionRatingView {
  stars: number;
  comment: string;
  createdAt: Date;
  changeableUntil: Date;
}

export interface RateSessionInput extends RatingInput {
  customerUserId: string;
  sessionId: string;
}

const ratingColumns = {
  sessionId: sessionRatings.sessionId,
  stars: sessionRatings.stars,
  comment: sessionRatings.comment,
  createdAt: sessionRatings.createdAt,
  updatedAt: sessionRatings.updatedAt,
  vehicleYear: sessions.vehicleYear,
  vehicleMake: sessions.vehicleMake,
  vehicleModel: sessions.vehicleModel,
};

function toRatingView(row: {
  sessionId: string;
  stars: number;
  comment: string;
  createdAt: Date;
  updatedAt: Date;
  vehicleYear: number;
  vehicleMake: string;
  vehicleModel: string;
}): RatingView {
  const { year, make, model } = vehicleOf({ ...row, vehicleVin: null });
  return {
    sessionId: row.sessionId,
    stars: row.stars,
    comment: row.comment,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    changeableUntil: ratingChangeableUntil(row.createdAt),
    vehicle: { year, make, model },
  };
}

/**
 * A customer rates a session of theirs that ended with a mechanic: 1–5 stars and an optional
 * comment. The first rating is inserted; a later one replaces it while the first is less than
 * RATING_CHANGE_DAYS old. One statement decides (INSERT … SELECT from the session, ON CONFLICT
 * DO UPDATE … WHERE created_at > now() − 7 days), so concurrent ratings never both insert and a
 * locked rating never changes.
 *
 * @throws {InvalidSessionInputError} stars not 1..5, or the comment too long
 * @throws {RatingNotAllowedError} not the customer's session, not ended, or no mechanic accepted it
 * @throws {RatingLockedError} the rating was given more than RATING_CHANGE_DAYS ago
 */
export async function rateSession(db: Database, input: RateSessionInput): Promise<RatingView> {
  const parsed = ratingInputSchema.safeParse({ stars: input.stars, comment: input.comment });
  if (!parsed.success) {
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  if (!isUuid(input.sessionId)) throw new RatingNotAllowedError(input.sessionId);
  const { stars, comment } = parsed.data;
  const [rated] = await db.execute<{ session_id: string }>(sql`
    INSERT INTO session_ratings AS r (session_id, customer_user_id, mechanic_user_id, stars, comment)
    SELECT s.id, s.customer_user_id, a.mechanic_user_id, ${stars}, ${comment}
    FROM sessions s
    JOIN session_assignments a ON a.session_id = s.id AND a.mechanic_user_id IS NOT NULL
    WHERE s.id = ${input.sessionId} AND s.customer_user_id = ${input.customerUserId} AND s.status = 'ended'
    ON CONFLICT (session_id) DO UPDATE
      SET stars = EXCLUDED.stars, comment = EXCLUDED.comment, updated_at = now()
      WHERE r.created_at > now() - make_interval(days => ${RATING_CHANGE_DAYS})
        AND r.customer_user_id = EXCLUDED.customer_user_id
    RETURNING r.session_id`);
  if (!rated) {
    // Nothing written: either the session may not be rated, or its rating is locked.
    const [existing] = await db
      .select({ sessionId: sessionRatings.sessionId })
      .from(sessionRatings)
      .where(
        and(
          eq(sessionRatings.sessionId, input.sessionId),
          eq(sessionRatings.customerUserId, input.customerUserId),
        ),
      );
    throw existing ? new RatingLockedError(input.sessionId) : new RatingNotAllowedError(input.sessionId);
  }
  const [row] = await db
    .select(ratingColumns)
    .from(sessionRatings)
    .innerJoin(sessions, eq(sessions.id, sessionRatings.sessionId))
    .where(eq(sessionRatings.sessionId, input.sessionId));
  return toRatingView(row!);
}

/** A page of a mechanic's ratings, newest first. */
export type RatingPage = Page<RatingView>;

// The cursor is the last rating's (created_at, session_id), created_at in microseconds as text.
function ratingKey([createdAt, sessionId]: unknown[]): [string, string] | undefined {
  if (typeof createdAt !== 'string' || typeof sessionId !== 'string' || !isUuid(sessionId)) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt)) return undefined;
  // Only real dates a rating can have (PostgreSQL refuses 2025-02-31 or year 0 with an error).
  const date = new Date(createdAt);
  const year = date.getUTCFullYear();
  return year >= 2000 && year <= 9999 && date.toISOString().slice(0, 19) === createdAt.slice(0, 19)
    ? [createdAt, sessionId]
    : undefined;
}

/**
 * The ratings a mechanic was given, newest first, `limit` at a time (keyset pagination). The
 * customers' names are never part of them.
 *
 * @throws {InvalidSessionInputError} a cursor this list did not return
 */
export async function listMechanicRatings(
  db: Database,
  mechanicUserId: string,
  options: PageOptions,
): Promise<RatingPage> {
  const after = cursorKey(options, ratingKey);
  // Compared at PostgreSQL's microsecond precision (a JS Date would round it to milliseconds).
  const exactCreatedAt = sql<string>`to_char(${sessionRatings.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await db
    .select({ ...ratingColumns, cursorAt: exactCreatedAt })
    .from(sessionRatings)
    .innerJoin(sessions, eq(sessions.id, sessionRatings.sessionId))
    .where(
      and(
        eq(sessionRatings.mechanicUserId, mechanicUserId),
        after
          ? or(
              lt(sessionRatings.createdAt, sql`${after[0]}::timestamptz`),
              and(
                eq(sessionRatings.createdAt, sql`${after[0]}::timestamptz`),
                lt(sessionRatings.sessionId, after[1]),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(sessionRatings.createdAt), desc(sessionRatings.sessionId))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (last) => [last.cursorAt, last.sessionId]);
  return { items: page.items.map(toRatingView), nextCursor: page.nextCursor };
}

/** The customer's own rating of each of `sessionIds` (sessions without one are absent). */
export async function getSessionRatings(
  db: Database,
  customerUserId: string,
  sessionIds: readonly string[],
): Promise<Map<string, SessionRatingView>> {
  const ids = sessionIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      sessionId: sessionRatings.sessionId,
      stars: sessionRatings.stars,
      comment: sessionRatings.comment,
      createdAt: sessionRatings.createdAt,
    })
    .from(sessionRatings)
    .where(and(eq(sessionRatings.customerUserId, customerUserId), inArray(sessionRatings.sessionId, ids)));
  return new Map(
    rows.map((row) => [
      row.sessionId,
      {
        stars: row.stars,
        comment: row.comment,
        createdAt: row.createdAt,
        changeableUntil: ratingChangeableUntil(row.createdAt),
      },
    ]),
  );
}

/** A session as its customer sees it: the view and the rating they gave it (null: none yet). */
export type CustomerSessionView = SessionView & { rating: SessionRatingView | null };

/** The customer's views of `views` (their own sessions), each with their rating, in one read. */
export async function withCustomerRatings(
  db: Database,
  customerUserId: string,
  views: readonly SessionView[],
): Promise<CustomerSessionView[]> {
  const ratings = await getSessionRatings(
    db,
    customerUserId,
    views.map((view) => view.id),
  );
  return views.map((view) => ({ ...view, rating: ratings.get(view.id) ?? null }));
}
