import { connect, mechanicPresence, sessions, type Database } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { productState } from './product-state.ts';

let connection: ReturnType<typeof connect> | undefined;

/** The product's database, for what a test prepares or checks behind the screens. */
export function productDatabase(): Database {
  connection ??= connect(productState().databaseUrl, { max: 2 });
  return connection.db;
}

export async function closeProductDatabase(): Promise<void> {
  await connection?.close();
  connection = undefined;
}

/** Makes a session look `minutes` old, as if it had waited that long (the expiry reads created_at). */
export async function ageSession(sessionId: string, minutes: number): Promise<void> {
  await productDatabase()
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(sessions.id, sessionId));
}

/** Runs the hourly job now, as pg_cron or the API's scheduler would. */
export async function runOrphanExpiry(): Promise<void> {
  await productDatabase().execute(sql`SELECT expire_orphaned_sessions()`);
}

/** Makes a mechanic's last heartbeat `minutes` old, as if their app had been closed that long. */
export async function ageHeartbeat(mechanicUserId: string, minutes: number): Promise<void> {
  await productDatabase()
    .update(mechanicPresence)
    .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(mechanicPresence.mechanicUserId, mechanicUserId));
}
