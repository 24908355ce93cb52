// `pnpm bench:core [--json] [--seconds N] [--rounds N]`: sessions created per second through
// createSessionRecord, beside the limit: pgbench running the factory's own statement on the same
// server, at 1 and 16 concurrent clients, on one database in one run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { connect, runMigrations, withDatabase } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import postgres from 'postgres';
import { createSessionRecord } from '../src/index.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--seconds takes a whole number ≥ 1');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number ≥ 1');
const progress = (line: string) => process.stderr.write(`${line}\n`);
const GOAL = 0.85;
const CLIENTS = [1, 16] as const;

const pgbenchVersion = await promisify(execFile)('pgbench', ['--version']).catch(() => undefined);
if (!pgbenchVersion) {
  console.error('pgbench not found: install it with `apt-get install -y postgresql-client`.');
  process.exit(1);
}

const intake = {
  vehicle: { year: 2016, make: 'Mazda', model: 'CX-5' },
  concern: 'Squeal from the front left wheel when braking',
};

/** Runs `clients` loops of the factory for `seconds`; each call uses a fresh customer. */
async function measureFactory(
  db: Parameters<typeof createSessionRecord>[0],
  clients: number,
  customers: string[],
): Promise<number> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const customer = customers[next++];
        if (!customer) throw new Error('ran out of customers: lower --seconds');
        await createSessionRecord(db, { type: 'free', customerUserId: customer, ...intake });
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** pgbench's transactions per second for `script` (prepared statements, as the factory's). */
async function measurePgbench(url: string, script: string, clients: number): Promise<number> {
  const threads = String(Math.min(clients, 2));
  const { stdout } = await promisify(execFile)('pgbench', [
    ...['-n', '-M', 'prepared', '-c', String(clients), '-j', threads, '-T', String(seconds)],
    ...['-f', script, url],
  ]);
  const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps);
}

const local = await openLocalDatabase(progress);
const benchDatabase = `autodoctor_bench_${process.pid}`;
const admin = postgres(local.url, { max: 1, onnotice: () => {} });
await admin`CREATE DATABASE ${admin(benchDatabase)}`;
const url = withDatabase(local.url, benchDatabase);
const { db, sql, close } = connect(url, { max: 16 });
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-core-'));
try {
  await runMigrations(url);
  const [{ version }] = await sql<[{ version: string }]>`SELECT current_setting('server_version') AS version`;

  // A session per customer (one active session each), so customers are made up front: the
  // factory's as ids, pgbench's numbered in `bench_customers`, taken in turn by a sequence.
  const perRun = Math.ceil(seconds * 4000);
  progress(`Preparing customers on PostgreSQL ${version} …`);
  async function makeCustomers(count: number): Promise<string[]> {
    const rows = await sql<{ id: string }[]>`
      INSERT INTO users (name, email, role)
      SELECT 'bench ' || g, 'bench-' || gen_random_uuid() || '@example.test', 'customer'
      FROM generate_series(1, ${count}) AS g
      RETURNING id`;
    return rows.map((row) => row.id);
  }
  await sql`CREATE TABLE bench_customers (n bigint PRIMARY KEY, id text NOT NULL)`;
  await sql`CREATE SEQUENCE bench_customer_n`;
  async function makePgbenchCustomers(count: number): Promise<void> {
    const ids = await makeCustomers(count);
    await sql`TRUNCATE bench_customers`;
    await sql`ALTER SEQUENCE bench_customer_n RESTART`;
    await sql`INSERT INTO bench_customers (n, id) SELECT ordinality, id FROM unnest(${ids}::text[]) WITH ORDINALITY AS u(id)`;
    await sql`ANALYZE bench_customers`;
  }

  // The factory's statement as it sends it, its parameters written in as literals and the customer
  // as the next numbered one (an InitPlan: one index lookup per transaction).
  const [probeCustomer] = await makeCustomers(1);
  let statement: { query: string; parameters: unknown[] } | undefined;
  const probe = connect(url, {
    max: 1,
    debug: (_, query, parameters) => {
      if (query.includes('INSERT INTO sessions')) statement = { query, parameters };
    },
  });
  await createSessionRecord(probe.db, { type: 'free', customerUserId: probeCustomer!, ...intake });
  await probe.close();
  if (!statement) throw new Error('the factory sent no INSERT INTO sessions');
  const { query, parameters } = statement;
  // Parameters come as strings, numbers and nulls (the event's payload is JSON text).
  const literal = (value: unknown) => {
    if (value === null || value === undefined) return 'NULL';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `'${text.replaceAll("'", "''")}'`;
  };
  const script = path.join(scratch, 'factory-statement.sql');
  writeFileSync(
    script,
    `${query.replace(/\$(\d+)/g, (_, n: string) => {
      const value = parameters[Number(n) - 1];
      return value === probeCustomer
        ? `(SELECT id FROM bench_customers WHERE n = (SELECT nextval('bench_customer_n')))`
        : literal(value);
    })};\n`,
  );

  const results: Record<string, number> = {};
  for (const clients of CLIENTS) {
    // Warm up both, then measure in A-B-B-A order so table growth favours neither.
    await measureFactory(db, clients, await makeCustomers(perRun));
    await makePgbenchCustomers(perRun);
    await measurePgbench(url, script, clients);
    const runs: Record<'factory' | 'pgbench', number[]> = { factory: [], pgbench: [] };
    const order = Array.from({ length: rounds }, () => ['pgbench', 'factory', 'factory', 'pgbench'] as const);
    for (const name of order.flat()) {
      progress(`  ${clients} client(s): ${name} …`);
      if (name === 'factory')
        runs.factory.push(await measureFactory(db, clients, await makeCustomers(perRun)));
      else {
        await makePgbenchCustomers(perRun);
        runs.pgbench.push(await measurePgbench(url, script, clients));
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    results[`factory_per_s_${clients}`] = Math.round(mean(runs.factory));
    results[`pgbench_per_s_${clients}`] = Math.round(mean(runs.pgbench));
    results[`limit_ratio_${clients}`] = Number((mean(runs.factory) / mean(runs.pgbench)).toFixed(3));
  }

  const met = CLIENTS.every((clients) => results[`limit_ratio_${clients}`]! >= GOAL);
  const summary = {
    postgres: version,
    seconds_per_run: seconds,
    runs_each: 2 * rounds,
    ...results,
    goal_limit_ratio: GOAL,
    goal_met: met,
  };
  console.log(`PostgreSQL ${version}, ${seconds}s per run, mean of ${2 * rounds} runs each`);
  console.log('clients  factory/s   pgbench/s   factory/pgbench');
  for (const clients of CLIENTS) {
    console.log(
      `${String(clients).padStart(7)}  ${String(results[`factory_per_s_${clients}`]).padStart(9)}  ${String(
        results[`pgbench_per_s_${clients}`],
      ).padStart(10)}  ${String(results[`limit_ratio_${clients}`]).padStart(16)}`,
    );
  }
  console.log(`Goal: factory/pgbench >= ${GOAL} at 1 and 16 clients: ${met ? 'met' : 'NOT met'}`);
  if (args.json) console.log(JSON.stringify(summary));
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await close();
  await admin`DROP DATABASE IF EXISTS ${admin(benchDatabase)} WITH (FORCE)`;
  await admin.end();
  if (local.startedHere) await local.stop();
}
