import { type Database } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidSessionInputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { SESSION_STATUSES, type SessionStatus } from '../rules/statuses.ts';

/** The most sessions one search returns (newest first). */
export const SESSION_SEARCH_LIMIT = 50;

/**
 * What an operator searches by: `query` is a session id, a customer's email (whole, any case) or a
 * VIN (17 characters); `status` and the creation range narrow it. All optional: nothing given is
 * the newest sessions.
 */
export const sessionSearchSchema = z.object({
  query: z.string().trim().max(254).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  createdFrom: z.date().optional(),
  createdTo: z.date().optional(),
});
export type SessionSearch = z.input<typeof sessionSearchSchema>;

/** A session as an operator's search lists it. */
export interface SessionSearchHit {
  id: string;
  status: SessionStatus;
  type: 'free' | 'credit' | 'paid';
  createdAt: Date;
  customerName: string;
  customerEmail: string;
  mechanicName: string | null;
  vehicle: string;
  vin: string | null;
}

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/i;

/** The condition `query` stands for: an id, an email or a VIN (anything else matches nothing). */
function queryCondition(query: string): SQL {
  if (isUuid(query)) return sql`s.id = ${query}::uuid`;
  if (query.includes('@')) return sql`lower(c.email) = ${query.toLowerCase()}`;
  if (VIN.test(query)) return sql`upper(s.vehicle_vin) = ${query.toUpperCase()}`;
  return sql`false`;
}

/**
 * Sessions for the operations console, newest first, at most SESSION_SEARCH_LIMIT.
 *
 * @throws {InvalidSessionInputError} a malformed search (e.g. an unknown status)
 */
export async function searchSessions(db: Database, search: SessionSearch): Promise<SessionSearchHit[]> {
  const parsed = sessionSearchSchema.safeParse(search);
  if (!parsed.success)
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  const { query, status, createdFrom, createdTo } = parsed.data;
  const conditions: SQL[] = [sql`true`];
  if (query) conditions.push(queryCondition(query));
  if (status) conditions.push(sql`s.status = ${status}`);
  if (createdFrom) conditions.push(sql`s.created_at >= ${createdFrom.toISOString()}::timestamptz`);
  if (createdTo) conditions.push(sql`s.created_at < ${createdTo.toISOString()}::timestamptz`);
  const rows = await db.execute<{
    id: string;
    status: SessionStatus;
    type: SessionSearchHit['type'];
    created_at: string;
    customer_name: string;
    customer_email: string;
    mechanic_name: string | null;
    vehicle: string;
    vin: string | null;
  }>(sql`
    SELECT s.id, s.status, s.type, s.created_at, c.name AS customer_name, c.email AS customer_email,
           (SELECT m.name FROM session_participants AS p JOIN users AS m ON m.id = p.user_id
            WHERE p.session_id = s.id AND p.role = 'mechanic' ORDER BY p.joined_at DESC LIMIT 1) AS mechanic_name,
           s.vehicle_year || ' ' || s.vehicle_make || ' ' || s.vehicle_model AS vehicle, s.vehicle_vin AS vin
    FROM sessions AS s JOIN users AS c ON c.id = s.customer_user_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT ${SESSION_SEARCH_LIMIT}`);
  return [...rows].map((row) => ({
    id: row.id,
    status: row.status,
    type: row.type,
    createdAt: new Date(row.created_at),
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    mechanicName: row.mechanic_name,
    vehicle: row.vehicle,
    vin: row.vin,
  }));
}
