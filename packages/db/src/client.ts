import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

/** The typed Drizzle database every package works with. */
export type Database = PostgresJsDatabase<typeof schema>;

/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Either a database or a transaction: functions taking it compose into larger transactions. */
export type Executor = Database | Transaction;

export interface DatabaseConnection {
  db: Database;
  /** The underlying postgres.js client, for LISTEN/NOTIFY and raw SQL. */
  sql: postgres.Sql;
  close: () => Promise<void>;
}

export interface ConnectOptions {
  /** Pool size (default 10). */
  max?: number;
}

/** Opens a connection pool to `url`. Server notices are dropped, errors are not. */
export function connect(url: string, options: ConnectOptions = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'autodoctor' },
  });
  const db = drizzle({ client: sql, schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
