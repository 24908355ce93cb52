// Where the CPU went during a phase of the bench, from /proc (Linux; elsewhere the figures are
// null): the whole machine's busy share (other work on it shows up here too), and the CPU time of
// given process trees — the API instances, the PostgreSQL cluster — beside the bench's own.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks of 10 ms (USER_HZ = 100). */
const TICK_MS = 10;

interface ProcStat {
  ppid: number;
  cpuTicks: number;
}

function procStat(pid: number | string): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid … utime stime: fields after the command, which may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** CPU ms used so far by `root` and its direct children (a postmaster's backends, say). */
function treeCpuMs(root: number): number | null {
  const own = procStat(root);
  if (!own) return null;
  let ticks = own.cpuTicks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat?.ppid === root) ticks += stat.cpuTicks;
  }
  return ticks * TICK_MS;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3]! - (fields[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** The parent of a process: for a PostgreSQL backend, its postmaster. */
export function parentPid(pid: number): number | undefined {
  return procStat(pid)?.ppid;
}

export interface CpuReport {
  wallMs: number;
  /** Busy share of all the machine's CPUs (0..1), whoever used them. */
  machineBusy: number | null;
  /** Cores used on average, per named process tree. */
  cores: Record<string, number | null>;
}

/** Measures from `new CpuMeter(...)` to `stop()`. */
export class CpuMeter {
  readonly #started = performance.now();
  readonly #machine = machineTicks();
  readonly #self = process.cpuUsage();
  readonly #trees: Map<string, { pid: number | undefined; ms: number | null }>;

  constructor(trees: Record<string, number | undefined>) {
    this.#trees = new Map(
      Object.entries(trees).map(([name, pid]) => [name, { pid, ms: pid ? treeCpuMs(pid) : null }]),
    );
  }

  stop(): CpuReport {
    const wallMs = performance.now() - this.#started;
    const machine = machineTicks();
    const self = process.cpuUsage(this.#self);
    const cores: Record<string, number | null> = { bench: (self.user + self.system) / 1000 / wallMs };
    for (const [name, { pid, ms }] of this.#trees) {
      const after = pid ? treeCpuMs(pid) : null;
      cores[name] = ms !== null && after !== null ? (after - ms) / wallMs : null;
    }
    const machineBusy =
      this.#machine && machine
        ? (machine.busy - this.#machine.busy) / Math.max(1, machine.total - this.#machine.total)
        : null;
    return { wallMs, machineBusy, cores };
  }
}
