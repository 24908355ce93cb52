import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Which of `pids` owns the local TCP socket on `port` (Linux, from /proc): maps
 * a PostgreSQL backend's `client_port` to the API process on the other end.
 */
export function processOfLocalPort(port: number, pids: number[]): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = readOrUndefined(() => readFileSync(table, 'utf8'));
    for (const line of text?.split('\n').slice(1) ?? []) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`)) inodes.add(fields[9]!);
    }
  }
  for (const pid of pids) {
    for (const fd of readOrUndefined(() => readdirSync(`/proc/${pid}/fd`)) ?? []) {
      // A descriptor closed meanwhile reads as undefined.
      const target = readOrUndefined(() => readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (inodes.has(/^socket:\[(\d+)\]$/.exec(target ?? '')?.[1] ?? '')) return pid;
    }
  }
  return undefined;
}

function readOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
