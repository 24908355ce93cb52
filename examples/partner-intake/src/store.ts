import type { Sql } from 'postgres';

// The service's own data lives in a schema of its own on the AutoDoctor database: AutoDoctor's
// migrations never touch it, and it never writes AutoDoctor's tables but through session-core.

/** Creates the service's schema and table if missing (several instances may start at once). */
export async function preparePartnerTables(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    // CREATE … IF NOT EXISTS is not safe against a concurrent create: one at a time.
    await tx`SELECT pg_advisory_xact_lock(hashtext('partner_intake.prepare'))`;
    await tx`CREATE SCHEMA IF NOT EXISTS partner_intake`;
    await tx`
      CREATE TABLE IF NOT EXISTS partner_intake.partner_sessions (
        session_id uuid PRIMARY KEY REFERENCES public.sessions (id) ON DELETE CASCADE,
        partner_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`;
  });
}

/** Records that `partnerId` opened the session: only that partner may follow it. */
export async function recordPartnerSession(sql: Sql, sessionId: string, partnerId: string): Promise<void> {
  await sql`
    INSERT INTO partner_intake.partner_sessions (session_id, partner_id) VALUES (${sessionId}, ${partnerId})`;
}

/** Whether `partnerId` opened the session. */
export async function isPartnerSession(sql: Sql, sessionId: string, partnerId: string): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM partner_intake.partner_sessions WHERE session_id = ${sessionId} AND partner_id = ${partnerId}`;
  return rows.length > 0;
}
