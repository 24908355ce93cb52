// `pnpm bench:ops [--sessions N] [--json]`: seeds a database of its own with N sessions over the
// past year (default 1,000,000; see seed.ts), then times every analytics panel of the operations
// console for the last 30 and 365 days (day buckets, Europe/Berlin): a warm-up, then --runs runs
// each. Goal: every panel's p95 under 200 ms. `--json` prints one object last.
import { parseArgs } from 'node:util';
import { connect, runMigrations, withDatabase } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { sql as sqlTemplate } from 'drizzle-orm';
import postgres from 'postgres';
import { ANALYTICS_PANELS, refreshAnalyticsRollups } from '../src/index.ts';
import { seedBenchHistory } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    /** Prints each panel's plan for 365 days (EXPLAIN ANALYZE) instead of timing. */
    explain: { type: 'boolean', default: false },
  },
});
const sessions = Number(args.sessions);
const runs = Number(args.runs);
if (!Number.isInteger(sessions) || sessions < 1000 || sessions > 20_000_000)
  throw new Error('--sessions takes a whole number from 1000 to 20000000');
if (!Number.isInteger(runs) || runs < 1 || runs > 1000)
  throw new Error('--runs takes a whole number from 1 to 1000');
const progress = (line: string) => process.stderr.write(`${line}\n`);
const GOAL_MS = 200;
const RANGES = [
  { name: '30d', days: 30 },
  { name: '365d', days: 365 },
] as const;
const TIME_ZONE = 'Europe/Berlin';

/** The `q`-quantile of `values` (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const local = await openLocalDatabase(progress);
const benchDatabase = `autodoctor_bench_ops_${process.pid}`;
const admin = postgres(local.url, { max: 1, onnotice: () => {} });
await admin`CREATE DATABASE ${admin(benchDatabase)}`;
const url = withDatabase(local.url, benchDatabase);
const { db, sql, close } = connect(url, { max: 2 });
try {
  await runMigrations(url);
  const [{ version }] = await sql<[{ version: string }]>`SELECT current_setting('server_version') AS version`;
  progress(`Seeding ${sessions.toLocaleString('en')} sessions on PostgreSQL ${version} …`);
  const seedStarted = performance.now();
  await seedBenchHistory(sql, sessions, progress);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const [counts] = await sql<[Record<string, string>]>`
    SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM session_events) AS events,
           pg_size_pretty(pg_database_size(current_database())) AS size`;
  progress(
    `Seeded in ${seedSeconds.toFixed(0)} s: ${counts.sessions} sessions, ${counts.events} events, ${counts.size}`,
  );

  // What the scheduled job keeps current: the rollups, built here from scratch, then one refresh.
  const rollupStarted = performance.now();
  await refreshAnalyticsRollups(db);
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await sql`VACUUM ANALYZE analytics_session_slots, analytics_money_slots, analytics_accept_wait_slots,
                           analytics_rating_days, analytics_mechanic_days, analytics_queue_slots, analytics_rollups`;
  progress(`Rollups built in ${rollupSeconds.toFixed(1)} s`);
  const refreshStarted = performance.now();
  await refreshAnalyticsRollups(db);
  const refreshSeconds = (performance.now() - refreshStarted) / 1000;
  progress(`Rollups refreshed in ${refreshSeconds.toFixed(1)} s`);

  const now = Date.now();
  if (args.explain) {
    const input = {
      from: new Date(now - 365 * 86_400_000),
      to: new Date(now),
      timeZone: TIME_ZONE,
      bucket: 'day',
    } as const;
    for (const panel of ANALYTICS_PANELS) {
      const plan = await db.execute<{ 'QUERY PLAN': string }>(
        sqlTemplate`EXPLAIN (ANALYZE, BUFFERS) ${panel.run.query(input)}`,
      );
      console.log(`\n== ${panel.id}\n${[...plan].map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  }
  const results: { panel: string; range: string; p50: number; p95: number; rows: number }[] = [];
  for (const range of args.explain ? [] : RANGES) {
    const input = {
      from: new Date(now - range.days * 86_400_000),
      to: new Date(now),
      timeZone: TIME_ZONE,
      bucket: 'day',
    } as const;
    for (const panel of ANALYTICS_PANELS) {
      progress(`  ${panel.id} ${range.name} …`);
      const { rows } = await panel.run(db, input); // warm-up
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        await panel.run(db, input);
        times.push(performance.now() - started);
      }
      results.push({
        panel: panel.id,
        range: range.name,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        rows: rows.length,
      });
    }
  }

  const round = (ms: number) => Math.round(ms * 10) / 10;
  console.log(
    `PostgreSQL ${version}, ${Number(counts.sessions).toLocaleString('en')} sessions, ${runs} runs per panel and range (${TIME_ZONE}, day buckets)`,
  );
  console.log(
    `${'panel'.padEnd(18)}${'range'.padStart(6)}${'rows'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`,
  );
  for (const result of results)
    console.log(
      `${result.panel.padEnd(18)}${result.range.padStart(6)}${String(result.rows).padStart(6)}${String(round(result.p50)).padStart(9)}${String(round(result.p95)).padStart(9)}${result.p95 < GOAL_MS ? '' : '  over goal'}`,
    );
  const slowest = Math.max(...results.map((result) => result.p95));
  console.log(
    `Slowest panel p95: ${round(slowest)} ms (goal < ${GOAL_MS} ms: ${slowest < GOAL_MS ? 'met' : 'NOT met'})`,
  );
  if (args.json)
    console.log(
      JSON.stringify({
        postgres: version,
        sessions: Number(counts.sessions),
        events: Number(counts.events),
        seed_seconds: Math.round(seedSeconds),
        rollup_build_seconds: Math.round(rollupSeconds * 10) / 10,
        rollup_refresh_seconds: Math.round(refreshSeconds * 10) / 10,
        runs_each: runs,
        panel_p95_ms: round(slowest),
        goal_ms: GOAL_MS,
        goal_met: slowest < GOAL_MS,
        ...Object.fromEntries(
          results.map((result) => [`${result.panel}_${result.range}_p95_ms`, round(result.p95)]),
        ),
      }),
    );
} finally {
  await close();
  await admin`DROP DATABASE IF EXISTS ${admin(benchDatabase)} WITH (FORCE)`;
  await admin.end();
  if (local.startedHere) await local.stop();
}
