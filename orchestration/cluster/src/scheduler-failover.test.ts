import { invariantViolations, NO_VIOLATIONS } from '@autodoctor/db/testing';
import { sessions } from '@autodoctor/db';
import { createSessionRecord } from '@autodoctor/session-core';
import { eq, sql } from '@autodoctor/db/orm';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { intake } from '@autodoctor/api/testing/fixtures';
import { processOfLocalPort } from '@autodoctor/api/testing/process-of-port';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import { metricOf } from './metrics-of.ts';

// Every instance ticks every 100 ms; expiry may run once a second across all of them.
const t = useTestCluster({ SCHEDULER: 'on', SCHEDULER_TICK_MS: '100', EXPIRY_PERIOD_MS: '1000' });

const SCHEDULER_LOCK = 7_313_001; // scheduler.ts

const expiryRuns = async (url: string) =>
  (await metricOf(url, 'autodoctor_scheduler_job_items_total', { job: 'expire-orphaned-sessions' })) ?? 0;

describeWithNginx('the scheduler on three instances', () => {
  it('runs the next period on another instance when the one holding the lock is killed mid-tick', async () => {
    const { db, url } = t.database;
    const { instances } = t.cluster;
    await waitFor(async () => {
      const rows = await db.execute(
        sql`SELECT 1 FROM scheduler_jobs WHERE name = 'expire-orphaned-sessions'`,
      );
      return rows.length > 0;
    }, 'a first expiry run');
    const customer = await t.customer();
    const { session } = await createSessionRecord(db, {
      customerUserId: customer.userId,
      ...intake({ type: 'free' }),
    } as Parameters<typeof createSessionRecord>[1]);

    // Hold the next tick inside its transaction: its first job (promotion) waits for a lock on
    // `sessions` that this connection holds, so the ticking instance keeps the scheduler's lock.
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    let killedPid: number | undefined;
    try {
      await holder.begin(async (tx) => {
        await tx`LOCK TABLE sessions IN EXCLUSIVE MODE`;
        const backend = await waitFor(async () => {
          const [row] = await tx<{ pid: number; port: number }[]>`
            SELECT l.pid, a.client_port AS port FROM pg_locks l JOIN pg_stat_activity a USING (pid)
            WHERE l.locktype = 'advisory' AND l.granted AND l.objid = ${SCHEDULER_LOCK}
              AND a.wait_event_type = 'Lock'`;
          return row;
        }, 'a tick to hold the scheduler lock');
        const pids = instances.map((instance) => instance.process?.pid).filter((pid) => pid !== undefined);
        killedPid = processOfLocalPort(backend.port, pids);
        const victim = instances.find((instance) => instance.process?.pid === killedPid);
        expect(victim, 'the API process holding the scheduler lock').toBeDefined();
        await victim!.kill('SIGKILL');
        // The orphan comes due only now, so whoever expires it ran after the kill.
        await tx`UPDATE sessions SET created_at = now() - interval '3 hours' WHERE id = ${session.id}`;
      });
    } finally {
      await holder.end();
    }

    const survivors = instances.filter((instance) => instance.process !== undefined);
    expect(survivors).toHaveLength(2);
    await waitFor(async () => {
      const [row] = await db
        .select({ status: sessions.status })
        .from(sessions)
        .where(eq(sessions.id, session.id));
      return row?.status === 'expired';
    }, 'a surviving instance to expire the orphan');
    const moved = await Promise.all(survivors.map((instance) => expiryRuns(instance.metricsUrl)));
    expect(moved.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await invariantViolations(db)).toEqual(NO_VIOLATIONS);
  });
});
