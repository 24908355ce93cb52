import { schedulerJobs, type Database, type Transaction } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import type { Logger } from '../logger.ts';

/** A periodic job: its name, how often it may run, and what it does in the claiming transaction. */
export interface ScheduledJob {
  name: string;
  periodMs: number;
  run: (tx: Transaction) => Promise<number>;
}

// Any fixed number: the advisory lock only this scheduler takes.
const SCHEDULER_LOCK = 7_313_001;

/**
 * Runs periodic jobs from inside the API. Every instance ticks; a tick runs in
 * one transaction under a PostgreSQL advisory lock (instances never run jobs
 * side by side), and a job runs only if it claims its period by moving its
 * `scheduler_jobs.last_run_at` forward with a conditional UPDATE. So with any
 * number of instances each job runs once per period, and a job that fails
 * rolls its claim back and runs at the next tick.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly deps: { db: Database; log: Logger },
    private readonly jobs: ScheduledJob[],
    private readonly options: {
      tickMs: number;
      afterTick?: () => Promise<unknown>;
      /** After a job ran (its period claimed), with the count it returned (metrics). */
      onJobRun?: (job: string, count: number) => void;
    },
  ) {}

  start(): void {
    if (this.jobs.length === 0 && !this.options.afterTick) return;
    const loop = () => {
      if (this.#stopped) return;
      this.#ticking = this.tick().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(loop, this.options.tickMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#ticking;
  }

  /** One tick: the jobs that are due, then the follow-up work (refunds). Never throws. */
  async tick(): Promise<void> {
    const { db, log } = this.deps;
    try {
      await db.transaction(async (tx) => {
        const [lock] = await tx.execute<{ locked: boolean }>(
          sql`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) AS locked`,
        );
        if (!lock?.locked) return; // another instance is ticking right now
        for (const job of this.jobs) {
          const claimed = await tx
            .insert(schedulerJobs)
            .values({ name: job.name, lastRunAt: sql`now()` })
            .onConflictDoUpdate({
              target: schedulerJobs.name,
              set: { lastRunAt: sql`now()` },
              setWhere: sql`${schedulerJobs.lastRunAt} <= now() - ${job.periodMs} * interval '1 millisecond'`,
            })
            .returning({ name: schedulerJobs.name });
          if (claimed.length === 0) continue;
          const count = await job.run(tx);
          this.options.onJobRun?.(job.name, count);
          log[count > 0 ? 'info' : 'debug']({ job: job.name, count }, 'scheduler: job ran');
        }
      });
    } catch (error) {
      log.error({ err: error }, 'scheduler: tick failed; retrying at the next tick');
    }
    try {
      await this.options.afterTick?.();
    } catch (error) {
      log.error({ err: error }, 'scheduler: follow-up work failed');
    }
  }
}
