import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type DatabaseConnection } from './client.ts';
import {
  assertSchemaVersion,
  checkSchemaVersion,
  runMigrations,
  SchemaBehindError,
  shippedMigrations,
} from './migrate.ts';
import { withDatabase } from './urls.ts';

// An empty database of its own (not the run's migrated template): the check must see it unmigrated.
const { adminUrl } = inject('autodoctorTestDatabase');
const databaseName = `autodoctor_test_schema_version_${process.pid}`;
const url = withDatabase(adminUrl, databaseName);
let connection: DatabaseConnection;

const shipped = shippedMigrations();
const newest = shipped.at(-1)!;

beforeAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin`CREATE DATABASE ${admin(databaseName)}`;
  await admin.end();
  connection = connect(url, { max: 2 });
});

afterAll(async () => {
  await connection.close();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin.end();
});

describe('checkSchemaVersion', () => {
  it('reads the shipped migrations in order from the journal beside the SQL files', () => {
    expect(shipped.length).toBeGreaterThan(10);
    expect(shipped[0]!.tag).toBe('0000_init');
    const times = shipped.map((migration) => migration.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('says behind, with everything pending, on a database never migrated; assertSchemaVersion refuses it', async () => {
    expect(await checkSchemaVersion(connection.db)).toEqual({
      expected: newest.tag,
      applied: null,
      pending: shipped.map(({ tag }) => tag),
      state: 'behind',
    });
    const refused = await assertSchemaVersion(connection.db).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SchemaBehindError);
    expect((refused as SchemaBehindError).code).toBe('SCHEMA_BEHIND');
    expect((refused as SchemaBehindError).message).toContain(`expected: ${newest.tag}`);
  });

  it('says current once the migrations ran', async () => {
    await runMigrations(url);
    const current = { expected: newest.tag, applied: newest.tag, pending: [], state: 'current' };
    expect(await checkSchemaVersion(connection.db)).toEqual(current);
    expect(await assertSchemaVersion(connection.db)).toEqual(current);
  });

  it('says behind by the one migration a database lacks', async () => {
    const [last] = await connection.sql<{ id: number }[]>`
      DELETE FROM drizzle.__drizzle_migrations
      WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations) RETURNING id`;
    expect(last).toBeDefined();
    expect(await checkSchemaVersion(connection.db)).toEqual({
      expected: newest.tag,
      applied: shipped.at(-2)!.tag,
      pending: [newest.tag],
      state: 'behind',
    });
    await connection.sql`
      INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('restored', ${newest.createdAt})`;
  });

  it('says ahead (and lets a service run) when a newer release migrated the database', async () => {
    await connection.sql`
      INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('newer', ${newest.createdAt + 1000})`;
    const ahead = {
      expected: newest.tag,
      applied: `unknown (created_at ${newest.createdAt + 1000})`,
      pending: [],
      state: 'ahead',
    };
    expect(await checkSchemaVersion(connection.db)).toEqual(ahead);
    expect(await assertSchemaVersion(connection.db)).toEqual(ahead);
  });
});
