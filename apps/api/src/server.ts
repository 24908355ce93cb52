import { connect } from '@autodoctor/db';
import { renderMail } from '@autodoctor/emails';
import { serve, type ServerType } from '@hono/node-server';
import type { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AuthByApp } from './auth/client-apps.ts';
import { SessionRevocations } from './auth/session-revocations.ts';
import { publicUrlOf, type ApiConfig } from './config.ts';
import { createHttpApp } from './http/app.ts';
import { createWebPush } from './push/web-push.ts';
import { createLogger, type Logger } from './logger.ts';
import { MailWorker } from './mail/mail-worker.ts';
import { WebhookWorker } from './webhooks/webhook-worker.ts';
import { createMetrics } from './metrics.ts';
import { serveMetrics, type MetricsServer } from './metrics-server.ts';
import { RateLimiter, rateRulesOf } from './rate-limit/rate-limiter.ts';
import { EventHub } from './realtime/event-hub.ts';
import { MechanicsOnline } from './realtime/mechanics-online.ts';
import { RoomHub } from './realtime/room-hub.ts';
import { TypingSignals } from './realtime/typing-signals.ts';
import { jobsToRunHere } from './scheduler/jobs.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { RefundWorker } from './stripe/refund-worker.ts';
import { createStripe } from './stripe/stripe-client.ts';
import type { ApiServices } from './trpc/context.ts';

/** A running API instance. */
export interface ApiServer {
  url: string;
  port: number;
  /** Where this instance's `GET /metrics` is: a port of its own (METRICS_HOST:METRICS_PORT). */
  metricsUrl: string;
  services: ApiServices;
  /** This instance's mail worker (tests call `run()` to send what is due now). */
  mail: MailWorker;
  /** This instance's webhook worker (tests call `run()` to deliver what is due now). */
  webhooks: WebhookWorker;
  /** Stops taking requests, ends open subscriptions, stops the scheduler and the mail and webhook workers, closes the pool. */
  close: () => Promise<void>;
}

/** Starts one API instance on `config.PORT` (0 = any free port). Many may share one database. */
export interface ApiServerOptions {
  log?: Logger;
  /** The HTTPS agent Web Push uses (tests: one trusting their local push service's certificate). */
  pushAgent?: Agent;
}

export async function startApiServer(config: ApiConfig, options: ApiServerOptions = {}): Promise<ApiServer> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const { db, sql, close: closePool } = connect(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  let server: ServerType | undefined;
  let hub: EventHub | undefined;
  let roomHub: RoomHub | undefined;
  let typing: TypingSignals | undefined;
  let mechanicsOnline: MechanicsOnline | undefined;
  let revocations: SessionRevocations | undefined;
  let scheduler: Scheduler | undefined;
  let metricsServer: MetricsServer | undefined;
  let mail: MailWorker | undefined;
  let webhooks: WebhookWorker | undefined;
  try {
    const metrics = createMetrics(db);
    metricsServer = await serveMetrics(metrics.registry, config.METRICS_HOST, config.METRICS_PORT);
    hub = new EventHub(db, sql, log, {
      onDeliver: (event) =>
        metrics.fanOutDelay.observe(
          { table: 'session_events' },
          (Date.now() - event.createdAt.getTime()) / 1000,
        ),
    });
    await hub.start();
    roomHub = new RoomHub(db, sql, log, {
      onDeliver: (entry) =>
        metrics.fanOutDelay.observe(
          { table: 'room_entries' },
          (Date.now() - entry.createdAt.getTime()) / 1000,
        ),
    });
    await roomHub.start();
    typing = new TypingSignals(db, sql, log);
    await typing.start();
    mechanicsOnline = new MechanicsOnline(db, sql, log, config.MECHANICS_ONLINE_RECHECK_MS);
    await mechanicsOnline.start();
    // Before any request: a session revoked earlier is refused from the first one on.
    revocations = new SessionRevocations(db, sql, log);
    await revocations.start();
    const { stripe, webhookSecret } = createStripe(config);
    const refunds = new RefundWorker({ db, stripe, log });

    // The port decides the public URL, so listen first and route once the services exist.
    const routes: { handle?: (request: Request, env: unknown) => Response | Promise<Response> } = {};
    server = await new Promise<ServerType>((resolve, reject) => {
      const started = serve(
        {
          fetch: (request, env) => routes.handle?.(request, env) ?? new Response('Starting', { status: 503 }),
          port: config.PORT,
          hostname: config.HOST,
        },
        () => resolve(started),
      );
      started.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const publicUrl = publicUrlOf(config, port);
    const rateLimiter = new RateLimiter(db, rateRulesOf(config));
    const authByApp = new AuthByApp({
      db,
      rateLimits: rateLimiter.rules,
      rateLimiter,
      appUrls: {
        customer: config.CUSTOMER_APP_URL,
        mechanic: config.MECHANIC_APP_URL,
        operator: config.OPS_APP_URL,
      },
      secret: config.BETTER_AUTH_SECRET,
      baseUrl: publicUrl,
      trustedOrigins: config.APP_ORIGINS,
      log,
      revocations,
    });
    const { auth, sessions } = authByApp.default;
    const push = createWebPush(config, db, log, options.pushAgent);
    if (!push) log.info('push: off (no VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT)');
    const services: ApiServices = {
      config,
      publicUrl,
      db,
      auth,
      sessions,
      authByApp,
      stripe,
      hub,
      roomHub,
      typing,
      mechanicsOnline,
      refunds,
      log,
      metrics,
      rateLimiter,
      push,
    };
    const http = createHttpApp({ ...services, webhookSecret });
    routes.handle = (request, env) => http.app.fetch(request, env);

    if (config.SCHEDULER === 'on') {
      const jobs = await jobsToRunHere(db, {
        expiryMs: config.EXPIRY_PERIOD_MS,
        promotionMs: config.SCHEDULER_TICK_MS,
        quoteExpiryMs: config.QUOTE_EXPIRY_PERIOD_MS,
        analyticsRollupMs: config.ANALYTICS_ROLLUP_PERIOD_MS,
      });
      if (push) jobs.push(push.newSessionsJob(config.PUSH_PERIOD_MS));
      log.info(
        { jobs: jobs.map((job) => job.name) },
        'scheduler: jobs run by this API (the rest by pg_cron)',
      );
      scheduler = new Scheduler({ db, log }, jobs, {
        // Push looks every few seconds; each job still runs once per its own period.
        tickMs: push ? Math.min(config.SCHEDULER_TICK_MS, config.PUSH_PERIOD_MS) : config.SCHEDULER_TICK_MS,
        afterTick: () => refunds.run(),
        onJobRun: (job, count) => {
          metrics.schedulerRuns.inc({ job });
          metrics.schedulerItems.inc({ job }, count);
        },
      });
      scheduler.start();
    }

    // Every instance sends email (claims decide who sends which message), scheduler or not.
    mail = new MailWorker({
      db,
      sql,
      log,
      metrics,
      settings: config,
      apiUrl: publicUrl,
      renderMail,
    });
    await mail.start();
    // Every instance delivers webhooks too (claims decide who delivers which).
    webhooks = new WebhookWorker({ db, sql, log, metrics, settings: config });
    await webhooks.start();

    const running = server;
    const runningHub = hub;
    const runningRoomHub = roomHub;
    const runningTyping = typing;
    const runningMechanicsOnline = mechanicsOnline;
    const runningRevocations = revocations;
    const runningScheduler = scheduler;
    const runningMetrics = metricsServer;
    const runningMail = mail;
    const runningWebhooks = webhooks;
    log.info({ url: publicUrl }, 'API listening');
    log.info({ url: `${metricsServer.url}/metrics` }, 'metrics listening');
    return {
      url: publicUrl,
      port,
      metricsUrl: metricsServer.url,
      services,
      mail: runningMail,
      webhooks: runningWebhooks,
      close: async () => {
        await runningScheduler?.stop();
        await runningMail.stop();
        await runningWebhooks.stop();
        const closed = new Promise<void>((resolve) => running.close(() => resolve()));
        // Ending the hub ends every subscription, so their streams finish and the server can close.
        // One after the other: their UNLISTENs share postgres.js's one LISTEN connection, and
        // concurrent ones were seen to leave a close waiting for good.
        await runningHub.close();
        await runningRoomHub.close();
        await runningTyping.close();
        await runningMechanicsOnline.close();
        await runningRevocations.close();
        await http.feeds.close();
        if ('closeIdleConnections' in running) running.closeIdleConnections();
        const forced = setTimeout(() => {
          if ('closeAllConnections' in running) running.closeAllConnections();
        }, 5_000);
        await closed;
        clearTimeout(forced);
        await runningMetrics.close();
        await closePool();
        log.info('API stopped');
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await mail?.stop();
    await webhooks?.stop();
    await Promise.all([
      hub?.close(),
      roomHub?.close(),
      typing?.close(),
      mechanicsOnline?.close(),
      revocations?.close(),
    ]);
    server?.close();
    await metricsServer?.close();
    await closePool();
    throw error;
  }
}
