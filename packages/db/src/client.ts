import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

/** The typed Drizzle database every package works with; `$client` is its postgres.js pool. */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A pool with its Drizzle database; `close()` ends the pool. */
export interface DatabaseConnection {
  db: Database;
  /** The underlying postgres.js client, for LISTEN/NOTIFY and raw SQL. */
  sql: postgres.Sql;
  close: () => Promise<void>;
}

/** Options of `connect`. */
export interface ConnectOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Called with every query's text and parameters (postgres.js `debug`), e.g. to see a statement. */
  debug?: (connection: number, query: string, parameters: unknown[]) => void;
}

/** Opens a connection pool to `url`. Server notices are dropped, errors are not. */
export function connect(url: string, options: ConnectOptions = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'autodoctor' },
    ...(options.debug ? { debug: options.debug } : {}),
  });
  const db = drizzle({ client: preparing(sql), schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

type Callback = (client: postgres.TransactionSql) => unknown;

/**
 * Drizzle runs every query through postgres.js `unsafe()` unprepared, and
 * postgres.js sends an unprepared query that has parameters in two round
 * trips (describe, then execute). This view of the client prepares them
 * instead — cached per connection, one round trip each — in transactions and
 * savepoints too. It halves the round trips of every Drizzle query.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      switch (key) {
        case 'unsafe':
          return (
            query: string,
            params?: postgres.ParameterOrJSON<never>[],
            options?: postgres.UnsafeQueryOptions,
          ) => target.unsafe(query, params, { ...options, prepare: true });
        case 'begin':
        case 'savepoint':
          return (...args: unknown[]) => {
            const callback = args.pop() as Callback;
            const open = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[key]!;
            return open.call(target, ...args, (tx: postgres.TransactionSql) => callback(preparing(tx)));
          };
        default:
          return Reflect.get(target, key, receiver) as unknown;
      }
    },
  });
}
