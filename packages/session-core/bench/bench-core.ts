// `pnpm bench:core [--json] [--seconds N] [--rounds N]`: sessions created per second through
// createSessionRecord, beside the same rows written by hand-written SQL in one
// transaction, at 1 and 16 concurrent clients, on one database in one run.
import { parseArgs } from 'node:util';
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
if (!(seconds > 0)) throw new Error('--seconds takes a positive number');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number ≥ 1');
const progress = (line: string) => process.stderr.write(`${line}\n`);

const intake = {
  vehicle: { year: 2016, make: 'Mazda', model: 'CX-5' },
  concern: 'Squeal from the front left wheel when braking',
};

type Writer = (customerUserId: string) => Promise<unknown>;

/** Runs `clients` loops calling `write` for `seconds`; each call uses a fresh customer. */
async function measure(write: Writer, clients: number, customers: string[]): Promise<number> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const customer = customers[next++];
        if (!customer) throw new Error('ran out of customers: lower --seconds');
        await write(customer);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

const local = await openLocalDatabase(progress);
const benchDatabase = `autodoctor_bench_${process.pid}`;
const admin = postgres(local.url, { max: 1, onnotice: () => {} });
await admin`CREATE DATABASE ${admin(benchDatabase)}`;
const url = withDatabase(local.url, benchDatabase);
const { db, sql, close } = connect(url, { max: 16 });
try {
  await runMigrations(url);
  const [{ version }] = await sql<[{ version: string }]>`SELECT current_setting('server_version') AS version`;

  // A session per customer (one active session each), so customers are made up front.
  const perRun = Math.ceil(seconds * 3000);
  progress(`Preparing customers on PostgreSQL ${version} …`);
  async function makeCustomers(count: number): Promise<string[]> {
    const rows = await sql<{ id: string }[]>`
      INSERT INTO users (name, email, role)
      SELECT 'bench ' || g, 'bench-' || gen_random_uuid() || '@example.test', 'customer'
      FROM generate_series(1, ${count}) AS g
      RETURNING id`;
    return rows.map((row) => row.id);
  }

  const factory: Writer = (customerUserId) =>
    createSessionRecord(db, { type: 'free', customerUserId, ...intake });
  // The same four rows, written by hand in one transaction.
  const raw: Writer = (customerUserId) =>
    sql.begin(async (tx) => {
      const [session] = await tx<{ id: string }[]>`
        INSERT INTO sessions (type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model, concern)
        VALUES ('free', 'pending', ${customerUserId}, ${intake.vehicle.year}, ${intake.vehicle.make},
                ${intake.vehicle.model}, ${intake.concern})
        RETURNING id`;
      await tx`INSERT INTO session_participants (session_id, user_id, role) VALUES (${session!.id}, ${customerUserId}, 'customer')`;
      await tx`INSERT INTO session_assignments (session_id) VALUES (${session!.id})`;
      await tx`
        INSERT INTO session_events (session_id, type, actor_user_id, payload)
        VALUES (${session!.id}, 'created', ${customerUserId}, ${JSON.stringify({ sessionType: 'free', status: 'pending' })}::jsonb)`;
    });

  const results: Record<string, number> = {};
  for (const clients of [1, 16]) {
    // Warm up both paths, then measure in A-B-B-A order so table growth favours neither.
    await measure(factory, clients, await makeCustomers(perRun));
    await measure(raw, clients, await makeCustomers(perRun));
    const runs: Record<'factory' | 'raw', number[]> = { factory: [], raw: [] };
    const order = Array.from({ length: rounds }, () => ['raw', 'factory', 'factory', 'raw'] as const).flat();
    for (const name of order) {
      progress(`  ${clients} client(s): ${name} …`);
      runs[name].push(await measure(name === 'raw' ? raw : factory, clients, await makeCustomers(perRun)));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    results[`factory_per_s_${clients}`] = Math.round(mean(runs.factory));
    results[`raw_per_s_${clients}`] = Math.round(mean(runs.raw));
    results[`ratio_${clients}`] = Number((mean(runs.factory) / mean(runs.raw)).toFixed(3));
  }

  const summary = {
    postgres: version,
    seconds_per_run: seconds,
    runs_each: 2 * rounds,
    ...results,
    goal_ratio_16: 0.8,
  };
  console.log(`PostgreSQL ${version}, ${seconds}s per run, mean of ${2 * rounds} runs each`);
  console.log('clients  factory/s   raw SQL/s   factory/raw');
  for (const clients of [1, 16]) {
    console.log(
      `${String(clients).padStart(7)}  ${String(results[`factory_per_s_${clients}`]).padStart(9)}  ${String(
        results[`raw_per_s_${clients}`],
      ).padStart(10)}  ${String(results[`ratio_${clients}`]).padStart(12)}`,
    );
  }
  console.log(`Goal: factory/raw >= 0.8 at 16 clients: ${results.ratio_16! >= 0.8 ? 'met' : 'NOT met'}`);
  if (args.json) console.log(JSON.stringify(summary));
} finally {
  await close();
  await admin`DROP DATABASE IF EXISTS ${admin(benchDatabase)} WITH (FORCE)`;
  await admin.end();
  if (local.startedHere) await local.stop();
}
