import { connect, runMigrations, schedulerJobs, sessions, withDatabase } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger.ts';
import type { QueueFeedEvent } from '../router.ts';
import type { ApiServer } from '../server.ts';
import { FeedRecorder, type Tracked } from '../testing/feed-recorder.ts';
import { intake } from '../testing/fixtures.ts';
import { waitFor } from '../testing/wait-for.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { API_JOBS, jobsToRunHere, PG_CRON_JOBS } from './jobs.ts';
import { Scheduler } from './scheduler.ts';

const t = useTestApi();
const log = createLogger('silent');

describe('the scheduler', () => {
  it('runs an hourly job once across three instances ticking at the same time', async () => {
    const pools = [connect(t.database.url), connect(t.database.url), connect(t.database.url)];
    try {
      let runs = 0;
      const schedulers = await Promise.all(
        pools.map(async ({ db }) => {
          const jobs = (
            await jobsToRunHere(db, {
              expiryMs: 3_600_000,
              promotionMs: 3_600_000,
              quoteExpiryMs: 3_600_000,
              analyticsRollupMs: 3_600_000,
            })
          ).map((job) => ({
            ...job,
            name: `${job.name}-once-test`,
            run: async (tx: Parameters<typeof job.run>[0]) => {
              runs += 1;
              return job.run(tx);
            },
          }));
          return new Scheduler({ db, log }, jobs, { tickMs: 1 });
        }),
      );
      for (let round = 0; round < 10; round++) await Promise.all(schedulers.map((s) => s.tick()));
      expect(runs).toBe(4); // each of the four jobs, once
      const claims = await t.database.db.select().from(schedulerJobs);
      expect(claims.filter((claim) => claim.name.endsWith('-once-test'))).toHaveLength(4);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  it('runs a job again once its period has passed', async () => {
    let runs = 0;
    const scheduler = new Scheduler(
      { db: t.database.db, log },
      [{ name: 'short-period-test', periodMs: 50, run: () => Promise.resolve(++runs) }],
      { tickMs: 1 },
    );
    await scheduler.tick();
    await scheduler.tick();
    expect(runs).toBe(1);
    await t.database.db
      .update(schedulerJobs)
      .set({ lastRunAt: sql`now() - interval '1 second'` })
      .where(eq(schedulerJobs.name, 'short-period-test'));
    await scheduler.tick();
    expect(runs).toBe(2);
  });

  it('rolls a failed job back, so it runs at the next tick', async () => {
    let attempts = 0;
    const scheduler = new Scheduler(
      { db: t.database.db, log },
      [
        {
          name: 'failing-once-test',
          periodMs: 3_600_000,
          run: () => {
            attempts += 1;
            return attempts === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(1);
          },
        },
      ],
      { tickMs: 1 },
    );
    await scheduler.tick();
    await scheduler.tick();
    await scheduler.tick();
    expect(attempts).toBe(2);
  });
});

describe('scheduled work in the API', () => {
  let withScheduler: ApiServer[] = [];
  beforeAll(async () => {
    const env = {
      SCHEDULER: 'on',
      SCHEDULER_TICK_MS: '20',
      EXPIRY_PERIOD_MS: '20',
      QUOTE_EXPIRY_PERIOD_MS: '20',
    } as const;
    withScheduler = [
      await startTestApi(t.database, t.emulator, env),
      await startTestApi(t.database, t.emulator, env),
    ];
  });
  afterAll(async () => {
    await Promise.all(withScheduler.map((api) => api.close()));
  });

  it('expires orphans and promotes due scheduled sessions, and announces both to mechanics', async () => {
    const mechanic = await t.mechanic();
    const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(mechanic.client.mechanic.queueFeed, undefined);
    await feed.started();

    const orphanOwner = await t.customer();
    const orphan = await orphanOwner.client.intake.startSession.mutate(intake());
    const plannerOwner = await t.customer();
    const planned = await plannerOwner.client.intake.startSession.mutate(
      intake({ scheduledFor: new Date(Date.now() + 3600_000) }),
    );
    if (orphan.kind !== 'session' || planned.kind !== 'session') throw new Error('expected sessions');
    expect(planned.session.status).toBe('scheduled');

    // The orphan is three hours old; the planned session's time has come.
    await t.database.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '3 hours'` })
      .where(eq(sessions.id, orphan.session.id));
    await t.database.db
      .update(sessions)
      .set({ scheduledFor: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, planned.session.id));

    const cancelled = await feed.find(
      (e) => e.data.type === 'assignment_cancelled' && e.data.sessionId === orphan.session.id,
    );
    const promoted = await feed.find(
      (e) => e.data.type === 'new_assignment' && e.data.entry.sessionId === planned.session.id,
    );
    expect(cancelled).toBeDefined();
    expect(promoted.data).toMatchObject({ entry: { sessionId: planned.session.id, sessionType: 'free' } });
    expect(await orphanOwner.client.customer.session.query({ sessionId: orphan.session.id })).toMatchObject({
      status: 'expired',
    });
    expect(await plannerOwner.client.customer.activeSession.query()).toMatchObject({ status: 'pending' });
    feed.stop();
  });

  it('marks sent quotes past their valid-until expired (expire-quotes)', async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const started = await customer.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    const sessionId = started.session.id;
    const { entries } = await mechanic.client.mechanic.queue.query();
    await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((e) => e.sessionId === sessionId)!.assignmentId,
    });
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({
      sessionId,
      quote: {
        taxRateBps: 0,
        workshopName: 'Main Street Garage',
        workshopAddress: '1 Main Street',
        lines: [{ kind: 'part', description: 'Pads', quantityMilli: 1000, unitPriceCents: 5_000 }],
      },
    });
    const sent = await mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
    // Its valid-until passes (the immutability trigger set aside for the test's own change).
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE quotes DISABLE TRIGGER trg_quotes_sent_immutable`);
      await tx.execute(
        sql`UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE id = ${sent.id}`,
      );
      await tx.execute(sql`ALTER TABLE quotes ENABLE TRIGGER trg_quotes_sent_immutable`);
    });
    const stored = await waitFor(async () => {
      const [row] = await t.database.sql<{ status: string; closed_at: string | null }[]>`
        SELECT status, closed_at FROM quotes WHERE id = ${sent.id}`;
      return row?.status === 'expired' && row;
    }, 'the quote to be marked expired');
    expect(stored.closed_at).not.toBeNull();
  });
});

describe('pg_cron', () => {
  it.runIf(process.env.EXPECT_PG_CRON)('takes both jobs over where the database has it', async () => {
    const { adminUrl } = inject('autodoctorTestDatabase');
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const [row] = await admin<
      { name: string }[]
    >`SELECT setting AS name FROM pg_settings WHERE name = 'cron.database_name'`;
    // pg_cron's database may be a real one on a developer's server: create it when missing, never drop it.
    const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${row!.name}`;
    if (exists.length === 0) {
      await admin`CREATE DATABASE ${admin(row!.name)}`.catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // made meanwhile by another test file
      });
    }
    await admin.end();
    const url = withDatabase(adminUrl, row!.name);
    await runMigrations(url);
    const cron = connect(url, { max: 1 });
    try {
      // Only expire-quotes: pg_cron has no function for it.
      const jobs = await jobsToRunHere(cron.db, {
        expiryMs: 1,
        promotionMs: 1,
        quoteExpiryMs: 1,
        analyticsRollupMs: 1,
      });
      expect(jobs.map((job) => job.name)).toEqual([API_JOBS.expireQuotes, API_JOBS.refreshAnalytics]);
    } finally {
      await cron.close();
    }
  });

  it('leaves both jobs to the API where the database has no pg_cron job', async () => {
    const jobs = await jobsToRunHere(t.database.db, {
      expiryMs: 1,
      promotionMs: 1,
      quoteExpiryMs: 1,
      analyticsRollupMs: 1,
    });
    expect(jobs.map((job) => job.name).sort()).toEqual(
      [PG_CRON_JOBS.expire, PG_CRON_JOBS.promote, API_JOBS.expireQuotes, API_JOBS.refreshAnalytics].sort(),
    );
  });
});
