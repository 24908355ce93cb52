// What `pnpm bench:api` and `pnpm bench:load` share: progress lines, the cleanup run at the end
// (or on an error, Ctrl-C, SIGTERM), argument checks, the throwaway database, statistics, and the
// run itself (the human report on stdout, with `--json` one JSON object on its last line).
import { readFileSync } from 'node:fs';
import { connect, runMigrations, withDatabase, type Database } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import postgres from 'postgres';
import { parentPid, type CpuReport } from './cpu.ts';

/** Progress goes to stderr: stdout is the results. */
export const progress = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; it runs once, last-started first.

const cleanups: { name: string; run: () => unknown }[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Registers how to stop something just started (run last-started first, once). */
export function onCleanup(name: string, run: () => unknown): void {
  cleanups.push({ name, run });
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, run } of cleanups.splice(0).reverse()) {
      try {
        await run();
      } catch (error) {
        progress(`cleanup: ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

/** A failure that is the finding itself (a broken invariant): reported without its stack. */
export class BenchFailure extends Error {
  override name = 'BenchFailure';
}

/**
 * Runs a bench: `main`'s figures printed by `print`, then with `json` as one JSON object on the last
 * line of stdout; cleanup at the end, on an error (exit 1) and on Ctrl-C / SIGTERM (exit 130).
 * `exitCode` lets the figures themselves fail the run (bench:load's invariants).
 */
export async function runBench<Figures>(options: {
  name: string;
  main: () => Promise<Figures>;
  print: (figures: Figures) => void;
  json: boolean;
  exitCode?: (figures: Figures) => number;
}): Promise<never> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      progress(`${signal}: stopping what the bench started …`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  let exitCode = 0;
  try {
    const figures = await options.main();
    options.print(figures);
    if (options.json) console.log(JSON.stringify(figures));
    exitCode = options.exitCode?.(figures) ?? 0;
  } catch (error) {
    if (!interrupted) {
      process.stderr.write(
        `\n${options.name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (!(error instanceof BenchFailure) && error instanceof Error && error.stack) {
        process.stderr.write(`${error.stack}\n`);
      }
      exitCode = 1;
    }
  } finally {
    await cleanup();
  }
  // Ctrl-C's handler exits with 130 once its cleanup is done.
  if (interrupted) await new Promise(() => {});
  process.exit(exitCode);
}

// ---------------------------------------------------------------------------------------------
// Arguments (node:util's parseArgs gives strings).

/** A whole-number option, at least `min`. */
export function wholeArg(name: string, value: string | undefined, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} takes a whole number ≥ ${min}`);
  return number;
}

/** A positive number option. */
export function positiveArg(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!(number > 0)) throw new Error(`--${name} takes a positive number`);
  return number;
}

/** A `--only a,b` list: each name one of `names`, in `names`' order; all of them without the option. */
export function namesArg<Name extends string>(
  name: string,
  value: string | undefined,
  names: readonly Name[],
): Name[] {
  if (value === undefined) return [...names];
  const chosen = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = chosen.filter((part) => !(names as readonly string[]).includes(part));
  if (chosen.length === 0 || unknown.length > 0) {
    throw new Error(`--${name} takes a comma-separated list of ${names.join(', ')}`);
  }
  return names.filter((known) => chosen.includes(known));
}

/** Throws when the open-file limit is below `needed` (Node raises its soft limit to the hard one). */
export function checkFileLimit(needed: number, what: string): void {
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return; // not Linux: no check
  }
  const fileLimit = /Max open files\s+\d+\s+(\d+|unlimited)/.exec(limits)?.[1];
  if (fileLimit && fileLimit !== 'unlimited' && Number(fileLimit) < needed) {
    throw new Error(`the open-file limit (${fileLimit}) is too low for ${what}: raise it (ulimit -n)`);
  }
}

// ---------------------------------------------------------------------------------------------
// The throwaway database.

export interface BenchDatabase {
  url: string;
  db: Database;
  sql: postgres.Sql;
  /** `server_version`. */
  version: string;
  /** Where it runs (the embedded PostgreSQL, or DATABASE_URL's server). */
  description: string;
  /** The PostgreSQL server's process, for CPU meters; undefined when it runs on another machine. */
  postmasterPid: number | undefined;
}

/**
 * A new database `<prefix><pid>` on the embedded PostgreSQL (or DATABASE_URL's server), migrated,
 * with a pool of `poolMax`; dropped at cleanup. Databases of earlier runs with the same prefix whose
 * process is gone (killed before their cleanup) are dropped first.
 */
export async function openBenchDatabase(prefix: string, poolMax: number): Promise<BenchDatabase> {
  const local = await openLocalDatabase(progress);
  onCleanup('PostgreSQL', () => (local.startedHere ? local.stop() : undefined));
  const name = `${prefix}${process.pid}`;
  const admin = postgres(local.url, { max: 1, onnotice: () => {} });
  onCleanup('admin connection', () => admin.end({ timeout: 5 }));
  await dropAbandonedDatabases(admin, prefix);
  await admin`CREATE DATABASE ${admin(name)}`;
  onCleanup('bench database', () => admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`);
  const url = withDatabase(local.url, name);
  await runMigrations(url);
  const { db, sql, close } = connect(url, { max: poolMax });
  onCleanup('bench pool', close);
  const [{ version, pid }] = await sql<[{ version: string; pid: number }]>`
    SELECT current_setting('server_version') AS version, pg_backend_pid() AS pid`;
  return { url, db, sql, version, description: local.description, postmasterPid: parentPid(pid) };
}

/**
 * Drops the databases of earlier runs that were killed before they could (their process is gone),
 * when the server runs on this machine: there a pid in the name means something.
 */
async function dropAbandonedDatabases(admin: postgres.Sql, prefix: string): Promise<void> {
  const [{ pid }] = await admin<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
  if (parentPid(pid) === undefined) return;
  const alive = (benchPid: number) => {
    try {
      process.kill(benchPid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  const pattern = `${prefix.replaceAll('_', '\\_')}%`;
  const databases = await admin<{ name: string }[]>`
    SELECT datname AS name FROM pg_database WHERE datname LIKE ${pattern}`;
  for (const { name } of databases) {
    const benchPid = Number(name.slice(prefix.length));
    if (Number.isInteger(benchPid) && !alive(benchPid)) {
      progress(`Dropping ${name}, left behind by a killed run`);
      await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics.

/** The p-th percentile of sorted values (nearest rank); NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
export const sortedOf = (values: readonly number[]) => Float64Array.from(values).sort();
export const median = (values: readonly number[]) => percentile(sortedOf(values), 50);
export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** Milliseconds as reported: one decimal. */
export const ms = (value: number) => Math.round(value * 10) / 10;

/** CPU used during a phase, in cores, per process (tree); the machine's busy share. */
export function cores(report: CpuReport): Record<string, number | null> & { machine_busy: number | null } {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    machine_busy: round(report.machineBusy),
    ...Object.fromEntries(Object.entries(report.cores).map(([name, value]) => [name, round(value)])),
  };
}
export type PhaseCores = ReturnType<typeof cores>;

// ---------------------------------------------------------------------------------------------
// The human report.

export const mark = (ok: boolean) => (ok ? '✓ met' : '✗ NOT met');

/** One row of bench:api's report: a label, a value, a goal or remark. */
export function row(label: string, value: string, goal = ''): void {
  console.log(`  ${label.padEnd(38)}${value.padEnd(26)}${goal}`.trimEnd());
}
