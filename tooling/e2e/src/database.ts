import { connect, type Database } from '@autodoctor/db';
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
