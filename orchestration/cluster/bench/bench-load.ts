// `pnpm bench:load [--seconds N] [--customers N] [--mechanics N] [--instances N] [--keep-logs] [--json]`
//
// The whole product under load for a fixed time, as in production: nginx (deploy/nginx) on
// 127.0.0.1 in front of API instances (startLocalCluster), the Stripe emulator sending its webhooks
// through nginx, the scheduler on (it pays the refunds owed), on a throwaway database (the embedded
// PostgreSQL, or DATABASE_URL's server). Every request goes through nginx; nothing leaves 127.0.0.1.
//  - customers, each in a loop: a session of each type in turn (free first, then credit and paid:
//    paid through the emulator's checkout, its webhook, and `customer.checkoutStatus`), then
//    either cancel it at once or wait for a mechanic and end it (or cancel it if none came);
//  - mechanics, each subscribed to `mechanic.queueFeed` (tRPC's SSE link, reconnecting with its
//    lastEventId), accepting some of what it announces (and now and then the head of
//    `mechanic.queue`), starting and ending what they won, and writing a repair quote for some
//    of them (sent, now and then revised and sent again);
//  - customers also decide the quotes sent to them (approve some lines with a typed name, or
//    decline all), and each buys a credit pack first (through the emulator's checkout), so credit
//    sessions owe their mechanic a referral fee worth 2 % of the pack's price per credit.
// Bounded: --customers and --mechanics users, --seconds of load, then it stops by itself, waits for
// webhooks, refunds and feeds to settle (at most 60 s), checks the database and prints each
// invariant with its count of violations (exit 1 if any). Rate limits are off (RATE_LIMITS=off): every
// customer comes from 127.0.0.1, so the per-address limits would be what is measured.
// --keep-logs keeps the cluster's folder (nginx's error.log and access.log, each instance's log) and
// says where it is.
// Progress goes to stderr; results to stdout, with `--json` one JSON object on the last line.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { sessions, stripeRefunds } from '@autodoctor/db';
import { eq, isNull, or, sql as sqlTag } from '@autodoctor/db/orm';
import { invariantViolations, paymentInvariantViolations } from '@autodoctor/db/testing';
import {
  earningsInvariantViolations,
  grantCredits,
  readSessionEvents,
  type QuoteDraftInput,
} from '@autodoctor/session-core';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import { TRPCClientError } from '@trpc/client';
import { startLocalCluster, type LocalCluster } from '../src/local-cluster.ts';
import { EMULATOR_WEBHOOK_SECRET, toQueueFeedEvent } from '@autodoctor/api';
import { createApiClient, type ApiClient } from '@autodoctor/api/testing/api-client';
import { BENCH_SECRET, makeUsers, type BenchUser } from '@autodoctor/api/bench/accounts';
import { CpuMeter } from '@autodoctor/api/bench/cpu';
import {
  ms,
  onCleanup,
  openBenchDatabase,
  percentile,
  progress,
  runBench,
  sortedOf,
  wholeArg,
} from '@autodoctor/api/bench/harness';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '60' },
    customers: { type: 'string', default: '60' },
    mechanics: { type: 'string', default: '20' },
    instances: { type: 'string', default: '3' },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const seconds = wholeArg('seconds', args.seconds, 1);
const customerCount = wholeArg('customers', args.customers, 1);
const mechanicCount = wholeArg('mechanics', args.mechanics, 1);
const instanceCount = wholeArg('instances', args.instances, 1);
/** After the load: how long webhooks, refunds and feeds may take to settle. */
const SETTLE_LIMIT_MS = 60_000;
/** A customer gives up waiting for a mechanic after this and cancels (or ends) the session. */
const CUSTOMER_PATIENCE_MS = 8_000;
const RATE_LIMITS = 'off';

const random = (min: number, max: number) => min + Math.random() * (max - min);
const vehicle = { year: 2018, make: 'Toyota', model: 'Corolla' };
const concern = 'Engine light on and a rough idle when the engine is cold';
const LOAD_SUMMARY = {
  found: 'A loose vacuum hose',
  nextSteps: 'Reseat the hose and clear the code',
  workshopVisitNeeded: false,
};

/** A mechanic's repair quote after a session: three lines, tax 8.25 %. */
const LOAD_QUOTE: QuoteDraftInput = {
  currency: 'usd',
  taxRateBps: 825,
  workshopName: 'Corner Garage',
  workshopAddress: '12 Main Street, Springfield',
  note: 'Parts on order, two days',
  lines: [
    { kind: 'part', description: 'Vacuum hose', quantityMilli: 1000, unitPriceCents: 2450 },
    { kind: 'labour', description: 'Replace the hose', quantityMilli: 1500, unitPriceCents: 9000 },
    { kind: 'fee', description: 'Shop supplies', quantityMilli: 1000, unitPriceCents: 995 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Requests: every API call goes through `call`, which times it and files its outcome.

const latencies: number[] = [];
const latenciesByProcedure = new Map<string, number[]>();
const errorsByCode = new Map<string, number>();
let requests = 0;
let errors5xx = 0;
let loadRunning = true;

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; status: number | undefined };

async function call<T>(procedure: string, run: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await run() };
  } catch (error) {
    let code = 'NETWORK';
    let status: number | undefined;
    if (error instanceof TRPCClientError) {
      const data = (error as TRPCClientError<never>).data as
        { code?: string; httpStatus?: number; appCode?: string } | undefined;
      status = data?.httpStatus;
      // No tRPC error body: the call never got an answer from the API (the message says why).
      code = data?.appCode
        ? `${data.code}/${data.appCode}`
        : (data?.code ?? `HTTP_${status ?? '?'}${status ? '' : `: ${describeFailure(error)}`}`);
    } else if (error instanceof Error) {
      code = `NETWORK: ${error.message.slice(0, 60)}`;
    }
    outcome = { ok: false, code, status };
    errorsByCode.set(`${procedure} ${code}`, (errorsByCode.get(`${procedure} ${code}`) ?? 0) + 1);
    if (status === undefined || status >= 500) errors5xx++;
  }
  const ms = performance.now() - started;
  requests++;
  latencies.push(ms);
  let list = latenciesByProcedure.get(procedure);
  if (!list) latenciesByProcedure.set(procedure, (list = []));
  list.push(ms);
  return outcome;
}

/** Why a call got no answer: its message and the network error's code below it (fetch failed: ECONNRESET). */
function describeFailure(error: Error): string {
  let code: unknown;
  for (let cause: unknown = error.cause; cause instanceof Error && code === undefined; cause = cause.cause) {
    code = (cause as { code?: unknown }).code;
  }
  return `${error.message.slice(0, 60)}${typeof code === 'string' ? ` (${code})` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Customers.

let sessionsStarted = 0;
let checkoutsPaid = 0;

async function customerLoop(
  client: ApiClient,
  emulator: StripeEmulator,
  deadline: number,
  signatureName: string,
) {
  for (let round = 0; Date.now() < deadline; round++) {
    await decideOpenQuotes(client, signatureName);
    const type = round === 0 ? 'free' : round % 2 === 1 ? 'credit' : 'paid';
    const started = await call('intake.startSession', () =>
      client.intake.startSession.mutate({ type, vehicle, concern }),
    );
    if (!started.ok) {
      // E.g. a session still active (a mechanic ending it late): clear it and go on.
      await clearActive(client);
      await sleep(random(100, 300));
      continue;
    }
    let sessionId: string | undefined;
    if (started.value.kind === 'session') {
      sessionId = started.value.session.id;
    } else {
      const { checkoutSessionId } = started.value;
      try {
        await emulator.pay(checkoutSessionId); // the hosted page's Pay button; the webhook follows
        checkoutsPaid++;
      } catch {
        continue;
      }
      for (let tries = 0; tries < 60 && !sessionId; tries++) {
        const status = await call('customer.checkoutStatus', () =>
          client.customer.checkoutStatus.query({ checkoutSessionId }),
        );
        if (status.ok && status.value.status === 'session_created') sessionId = status.value.sessionId ?? '';
        else if (status.ok && status.value.status === 'not_created') break;
        else await sleep(200);
      }
      if (!sessionId) continue;
    }
    sessionsStarted++;
    if (Math.random() < 0.25) {
      await sleep(random(0, 300));
      await call('customer.cancelSession', () => client.customer.cancelSession.mutate({ sessionId }));
      continue;
    }
    const patience = Date.now() + CUSTOMER_PATIENCE_MS;
    for (;;) {
      await sleep(random(200, 400));
      const active = await call('customer.activeSession', () => client.customer.activeSession.query());
      if (!active.ok) continue;
      const session = active.value;
      if (!session || session.id !== sessionId) break; // over: the mechanic ended it
      if (session.status === 'live' && Math.random() < 0.3) {
        await call('customer.endSession', () => client.customer.endSession.mutate({ sessionId }));
        break;
      }
      if (Date.now() > patience || Date.now() > deadline) {
        await clearActive(client);
        break;
      }
    }
  }
}

let quoteDecisions = 0;

/** The customer decides every open quote: some lines approved (60 %), or all declined. */
async function decideOpenQuotes(client: ApiClient, signatureName: string) {
  const open = await call('customer.openQuotes', () => client.customer.openQuotes.query());
  if (!open.ok) return;
  for (const quote of open.value) {
    const approve = Math.random() < 0.6;
    const decisions = quote.lines.map((line, index) => ({
      lineId: line.id,
      // At least the first line when approving, so the approved total is never 0.
      approved: approve && (index === 0 || Math.random() < 0.5),
    }));
    const decided = await call('customer.decideQuote', () =>
      client.customer.decideQuote.mutate({ quoteId: quote.id, decisions, signatureName }),
    );
    if (decided.ok) quoteDecisions++;
  }
}

/** Ends or cancels the customer's active session, if any. */
async function clearActive(client: ApiClient) {
  const active = await call('customer.activeSession', () => client.customer.activeSession.query());
  if (!active.ok || !active.value) return;
  const sessionId = active.value.id;
  if (active.value.status === 'live') {
    await call('customer.endSession', () => client.customer.endSession.mutate({ sessionId }));
  } else {
    await call('customer.cancelSession', () => client.customer.cancelSession.mutate({ sessionId }));
  }
}

// ---------------------------------------------------------------------------------------------
// Mechanics.

interface Mechanic {
  client: ApiClient;
  /** Every event id the feed delivered, in order (repeats kept: they are what is checked). */
  received: string[];
  busy: boolean;
  subscription: { unsubscribe: () => void };
  errors: number;
}

let acceptsWon = 0;

function subscribe(mechanic: Omit<Mechanic, 'subscription'>, acceptShare: number): Promise<Mechanic> {
  return new Promise((resolve) => {
    const subscription = mechanic.client.mechanic.queueFeed.subscribe(undefined, {
      onStarted: () => resolve(self),
      onData: (event) => {
        mechanic.received.push(event.id);
        const data = event.data;
        if (data.type === 'new_assignment' && loadRunning && !mechanic.busy && Math.random() < acceptShare) {
          void work(self, data.entry.assignmentId, data.entry.sessionId);
        }
      },
      onError: () => {
        mechanic.errors++;
      },
    });
    const self: Mechanic = { ...mechanic, subscription };
  });
}

async function work(mechanic: Mechanic, assignmentId: string, sessionId: string) {
  if (mechanic.busy) return;
  mechanic.busy = true;
  try {
    await sleep(random(0, 30));
    const accepted = await call('mechanic.accept', () =>
      mechanic.client.mechanic.accept.mutate({ assignmentId }),
    );
    if (!accepted.ok) return;
    acceptsWon++;
    await sleep(random(50, 300));
    const started = await call('mechanic.startSession', () =>
      mechanic.client.mechanic.startSession.mutate({ sessionId }),
    );
    if (!started.ok) return;
    await sleep(random(200, 1_000));
    if (Math.random() < 0.7) {
      const ended = await call('mechanic.endSession', () =>
        mechanic.client.mechanic.endSession.mutate({ sessionId, summary: LOAD_SUMMARY }),
      );
      if (ended.ok && Math.random() < 0.5) await writeQuote(mechanic, sessionId);
    }
  } finally {
    mechanic.busy = false;
  }
}

let quotesSent = 0;

/** A quote for a session the mechanic just ended: sent, and now and then revised and sent again. */
async function writeQuote(mechanic: Mechanic, sessionId: string) {
  const draft = await call('mechanic.saveQuoteDraft', () =>
    mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: LOAD_QUOTE }),
  );
  if (!draft.ok) return;
  const sent = await call('mechanic.sendQuote', () =>
    mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.value.id }),
  );
  if (!sent.ok) return;
  quotesSent++;
  if (Math.random() >= 0.3) return;
  await sleep(random(100, 600));
  // The customer may have decided it meanwhile: then the revision's send is refused (QUOTE_CLOSED).
  const revision = await call('mechanic.reviseQuote', () =>
    mechanic.client.mechanic.reviseQuote.mutate({ quoteId: sent.value.id }),
  );
  if (!revision.ok) return;
  const cheaper = {
    ...LOAD_QUOTE,
    lines: LOAD_QUOTE.lines.map((line) => ({
      ...line,
      unitPriceCents: Math.round(line.unitPriceCents * 0.9),
    })),
  };
  const saved = await call('mechanic.saveQuoteDraft', () =>
    mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quoteId: revision.value.id, quote: cheaper }),
  );
  if (!saved.ok) return;
  const resent = await call('mechanic.sendQuote', () =>
    mechanic.client.mechanic.sendQuote.mutate({ quoteId: saved.value.id }),
  );
  if (resent.ok) quotesSent++;
}

/** Each customer buys a pack of credits through the emulator's checkout and its webhook. */
async function buyPack(client: ApiClient, emulator: StripeEmulator) {
  const checkout = await client.customer.buyCredits.mutate({ packId: 'credits_5' });
  await emulator.pay(checkout.checkoutSessionId);
  for (let tries = 0; tries < 120; tries++) {
    const purchase = await client.customer.creditPurchase.query({
      checkoutSessionId: checkout.checkoutSessionId,
    });
    if (purchase.status === 'completed') return;
    await sleep(250);
  }
  throw new Error(`the credit pack of checkout ${checkout.checkoutSessionId} was never credited`);
}

/** Now and then an idle mechanic looks at the queue and takes its head (what the feed's losers do). */
async function mechanicQueueLoop(mechanic: Mechanic, deadline: number) {
  while (Date.now() < deadline) {
    await sleep(random(1_500, 3_000));
    if (mechanic.busy || Date.now() >= deadline) continue;
    const queue = await call('mechanic.queue', () => mechanic.client.mechanic.queue.query());
    const head = queue.ok ? queue.value.entries[0] : undefined;
    if (head && Math.random() < 0.5) await work(mechanic, head.assignmentId, head.sessionId);
  }
}

// ---------------------------------------------------------------------------------------------

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, limitMs: number) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      progress(`  gave up waiting for ${what} after ${limitMs / 1000} s`);
      return false;
    }
    await sleep(250);
  }
  return true;
}

/** The server's version, for the report's first line. */
let postgresVersion = '';

async function main() {
  const { url, db, sql, version, description, postmasterPid } = await openBenchDatabase(
    'autodoctor_bench_load_',
    8,
  );
  postgresVersion = version;
  const emulator = await startStripeEmulator({ retry: { attempts: 8, baseDelayMs: 200 } });
  onCleanup('Stripe emulator', () => emulator.close());
  progress(`PostgreSQL ${version} (${description}); nginx in front of ${instanceCount} API instances …`);
  const cluster: LocalCluster = await startLocalCluster({
    instances: instanceCount,
    keepDir: args['keep-logs'],
    env: {
      DATABASE_URL: url,
      BETTER_AUTH_SECRET: BENCH_SECRET,
      STRIPE_EMULATOR_URL: emulator.url,
      SCHEDULER: 'on',
      SCHEDULER_TICK_MS: '1000',
      RATE_LIMITS,
      LOG_LEVEL: 'warn',
    },
  });
  onCleanup('cluster', () => cluster.stop());
  if (args['keep-logs']) progress(`  logs (kept): ${cluster.dir}`);
  emulator.addWebhookEndpoint(`${cluster.url}/webhooks/stripe`, EMULATOR_WEBHOOK_SECRET);

  progress(`Making ${customerCount} customers and ${mechanicCount} mechanics (signed in) …`);
  const setup = { apiUrls: [cluster.url] };
  const customers: BenchUser[] = await makeUsers(sql, 'customer', customerCount, setup);
  const mechanicUsers: BenchUser[] = await makeUsers(sql, 'mechanic', mechanicCount, setup);
  progress(`Each customer buys a credit pack (checkout, webhook) …`);
  await Promise.all(
    customers.map((customer) => buyPack(createApiClient(cluster.url, customer.cookie), emulator)),
  );
  // Spent after the pack's (bought credits go first): these owe no referral fee.
  for (const customer of customers) await grantCredits(db, customer.userId, 1_000);

  progress(`Subscribing ${mechanicCount} mechanics to the queue feed …`);
  const acceptShare = Math.min(1, 4 / mechanicCount);
  const mechanics = await Promise.all(
    mechanicUsers.map((user) =>
      subscribe(
        { client: createApiClient(cluster.url, user.cookie), received: [], busy: false, errors: 0 },
        acceptShare,
      ),
    ),
  );
  // Only what the load makes is counted: nothing happened before it.
  requests = 0;
  latencies.length = 0;
  latenciesByProcedure.clear();
  errorsByCode.clear();
  errors5xx = 0;

  progress(
    `Load for ${seconds} s through nginx (${cluster.url}): ${customerCount} customers, ${mechanicCount} mechanics; rate limits ${RATE_LIMITS} …`,
  );
  const meter = new CpuMeter({
    ...Object.fromEntries(
      cluster.instances.map((instance) => [`api${instance.index}`, instance.process?.pid]),
    ),
    postgres: postmasterPid,
  });
  const started = performance.now();
  const deadline = Date.now() + seconds * 1000;
  const ticker = setInterval(
    () =>
      progress(
        `  ${Math.round((performance.now() - started) / 1000)} s: ${requests} requests, ${sessionsStarted} sessions`,
      ),
    10_000,
  );
  await Promise.all([
    ...customers.map((customer, index) =>
      customerLoop(
        createApiClient(cluster.url, customer.cookie),
        emulator,
        deadline,
        `Customer ${index + 1}`,
      ),
    ),
    ...mechanics.map((mechanic) => mechanicQueueLoop(mechanic, deadline)),
  ]);
  loadRunning = false;
  clearInterval(ticker);
  await waitUntil('the mechanics to finish', () => mechanics.every((m) => !m.busy), 15_000);
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = meter.stop();

  progress('Load over; waiting for webhooks, refunds and feeds to settle …');
  const settleStart = Date.now();
  await Promise.race([emulator.webhooksIdle(), sleep(SETTLE_LIMIT_MS)]);
  const unpaid = () =>
    db
      .select({ id: stripeRefunds.stripeCheckoutSessionId })
      .from(stripeRefunds)
      .where(or(isNull(stripeRefunds.stripeRefundId), isNull(stripeRefunds.refundedAt)));
  await waitUntil(
    'refunds owed to be paid',
    async () => (await unpaid()).length === 0,
    SETTLE_LIMIT_MS - (Date.now() - settleStart),
  );
  const expected = (await readSessionEvents(db, { limit: 1_000_000 }))
    .filter((event) => toQueueFeedEvent(event) !== undefined)
    .map((event) => String(event.id));
  await waitUntil(
    'every subscriber to catch up',
    () => mechanics.every((m) => new Set(m.received).size >= expected.length),
    Math.max(5_000, SETTLE_LIMIT_MS - (Date.now() - settleStart)),
  );
  for (const mechanic of mechanics) mechanic.subscription.unsubscribe();

  // Invariants ---------------------------------------------------------------------------
  const violations: Record<string, number> = {
    ...(await invariantViolations(db)),
    ...(await paymentInvariantViolations(db, { settled: true })),
    ...(await earningsInvariantViolations(db)),
  };
  // Each mechanic's balance, as their earnings page shows it, is the sum of their lines.
  const sums = new Map(
    (
      await db.execute<{ mechanic: string; sum: number }>(sqlTag`
        SELECT mechanic_user_id AS mechanic, sum(amount_cents)::int AS sum FROM mechanic_earnings GROUP BY 1`)
    ).map((row) => [row.mechanic, row.sum]),
  );
  let balancesWrong = 0;
  for (const [index, mechanic] of mechanics.entries()) {
    const summary = await mechanic.client.mechanic.earnings.query({ timeZone: 'UTC' });
    if (summary.balanceCents !== (sums.get(mechanicUsers[index]!.userId) ?? 0)) balancesWrong++;
  }
  violations.mechanic_balance_differs_from_lines = balancesWrong;
  // Against Stripe (the emulator): one completed checkout per paid session, at most one refund
  // per payment, and every refund the database says was paid is one Stripe made.
  const events = emulator.events();
  const completedByCheckout = new Map<string, number>();
  const paymentIntentOf = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'checkout.session.completed') continue;
    const checkout = event.data.object as { id: string; payment_intent?: string };
    completedByCheckout.set(checkout.id, (completedByCheckout.get(checkout.id) ?? 0) + 1);
    if (checkout.payment_intent) paymentIntentOf.set(checkout.id, checkout.payment_intent);
  }
  const refundsByPayment = new Map<string, number>();
  const refundIds = new Set<string>();
  for (const event of events) {
    if (event.type !== 'refund.created') continue;
    const refund = event.data.object as { id: string; payment_intent: string };
    refundIds.add(refund.id);
    refundsByPayment.set(refund.payment_intent, (refundsByPayment.get(refund.payment_intent) ?? 0) + 1);
  }
  const paid = await db
    .select({ checkout: sessions.stripeCheckoutSessionId })
    .from(sessions)
    .where(eq(sessions.type, 'paid'));
  violations.paid_session_without_exactly_one_completed_checkout = paid.filter(
    (row) => completedByCheckout.get(row.checkout!) !== 1,
  ).length;
  violations.payment_refunded_twice_at_stripe = [...refundsByPayment.values()].filter((n) => n > 1).length;
  const refundRows = await db.select().from(stripeRefunds);
  violations.refund_recorded_but_not_made_at_stripe = refundRows.filter(
    (row) => row.stripeRefundId !== null && !refundIds.has(row.stripeRefundId),
  ).length;
  // The feeds: every subscriber saw every queue event exactly once.
  const expectedSet = new Set(expected);
  let missed = 0;
  let repeated = 0;
  let foreign = 0;
  let subscribersWrong = 0;
  for (const mechanic of mechanics) {
    const seen = new Set(mechanic.received);
    const m = expected.filter((id) => !seen.has(id)).length;
    const r = mechanic.received.length - seen.size;
    const f = [...seen].filter((id) => !expectedSet.has(id)).length;
    missed += m;
    repeated += r;
    foreign += f;
    if (m + r + f > 0) subscribersWrong++;
  }
  violations.subscriber_missed_or_repeated_an_event = subscribersWrong;

  const [counts] = await db.execute<{ total: number; byType: Record<string, number> }>(sqlTag`
    SELECT coalesce(sum(n), 0)::int AS total, coalesce(jsonb_object_agg(type, n), '{}') AS "byType"
    FROM (SELECT type, count(*)::int AS n FROM sessions GROUP BY type) x`);
  const [statuses] = await db.execute<{ byStatus: Record<string, number> }>(sqlTag`
    SELECT coalesce(jsonb_object_agg(status, n), '{}') AS "byStatus"
    FROM (SELECT status, count(*)::int AS n FROM sessions GROUP BY status) x`);
  const [earnings] = await db.execute<{
    quotesApproved: number;
    earningsLines: number;
    byKind: Record<string, number>;
  }>(sqlTag`
    SELECT (SELECT count(*)::int FROM quotes WHERE status = 'approved') AS "quotesApproved",
           (SELECT count(*)::int FROM mechanic_earnings) AS "earningsLines",
           (SELECT coalesce(jsonb_object_agg(kind, n), '{}') FROM (
              SELECT kind, count(*)::int AS n FROM mechanic_earnings GROUP BY kind) x) AS "byKind"`);
  const { total, byType } = counts!;
  const { byStatus } = statuses!;
  const deliveries = emulator.deliveries();
  const webhookStatuses: Record<string, number> = {};
  for (const delivery of deliveries) {
    const key = String(delivery.statusCode ?? 'failed');
    webhookStatuses[key] = (webhookStatuses[key] ?? 0) + 1;
  }

  const totalViolations = Object.values(violations).reduce((a, b) => a + b, 0);
  const two = (value: number) => Math.round(value * 100) / 100;
  const result = {
    seconds: Math.round(elapsedS * 10) / 10,
    instances: instanceCount,
    customers: customerCount,
    mechanics: mechanicCount,
    rate_limits: RATE_LIMITS,
    requests,
    requests_per_s: Math.round((requests / elapsedS) * 10) / 10,
    p50_ms: ms(percentile(sortedOf(latencies), 50)),
    p99_ms: ms(percentile(sortedOf(latencies), 99)),
    errors_5xx: errors5xx,
    errors_by_code: Object.fromEntries([...errorsByCode].sort((a, b) => b[1] - a[1])),
    sessions_created: total,
    sessions_by_type: byType,
    sessions_by_status: byStatus,
    checkouts_paid: checkoutsPaid,
    accepts_won: acceptsWon,
    quotes_sent: quotesSent,
    quote_decisions: quoteDecisions,
    quotes_approved: earnings!.quotesApproved,
    earnings_lines: earnings!.earningsLines,
    earnings_lines_by_kind: earnings!.byKind,
    webhook_deliveries: webhookStatuses,
    feed_events: expected.length,
    feed_missed: missed,
    feed_repeated: repeated,
    feed_foreign: foreign,
    feed_errors: mechanics.reduce((a, m) => a + m.errors, 0),
    cpu_cores: Object.fromEntries(Object.entries(cpu.cores).map(([k, v]) => [k, v === null ? null : two(v)])),
    machine_busy: cpu.machineBusy === null ? null : Math.round(cpu.machineBusy * 100) / 100,
    violations: totalViolations,
    violations_by_invariant: violations,
  };
  return result;
}

function printLoad(result: Awaited<ReturnType<typeof main>>): void {
  const { sessions_created: total, sessions_by_type: byType, sessions_by_status: byStatus } = result;
  const { feed_missed: missed, feed_repeated: repeated, feed_foreign: foreign } = result;
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(
    `bench:load — ${result.seconds} s through nginx, ${instanceCount} API instances, PostgreSQL ${postgresVersion}`,
  );
  out(
    `  ${customerCount} customers, ${mechanicCount} mechanics; rate limits: ${RATE_LIMITS} (RATE_LIMITS=off)`,
  );
  out(
    `  requests: ${requests} (${result.requests_per_s}/s), p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms`,
  );
  for (const [procedure, list] of [...latenciesByProcedure].sort((a, b) => b[1].length - a[1].length)) {
    out(
      `    ${procedure.padEnd(26)} ${String(list.length).padStart(7)}  p50 ${ms(percentile(sortedOf(list), 50))} ms  p99 ${ms(percentile(sortedOf(list), 99))} ms`,
    );
  }
  out(`  errors: ${[...errorsByCode.values()].reduce((a, b) => a + b, 0)} (5xx or no answer: ${errors5xx})`);
  for (const [code, count] of errorsByCode) out(`    ${String(count).padStart(7)}  ${code}`);
  out(`  sessions: ${total} ${JSON.stringify(byType)}, by status ${JSON.stringify(byStatus)}`);
  out(
    `  checkouts paid: ${checkoutsPaid}; webhook deliveries by status: ${JSON.stringify(result.webhook_deliveries)}`,
  );
  out(`  accepts won: ${acceptsWon}`);
  out(
    `  quotes: ${result.quotes_sent} sent (revisions included), ${result.quote_decisions} decided, ${result.quotes_approved} approved; earnings lines: ${result.earnings_lines} ${JSON.stringify(result.earnings_lines_by_kind)}`,
  );
  out(
    `  queue feed: ${result.feed_events} events × ${mechanicCount} subscribers; missed ${missed}, repeated ${repeated}, unknown ${foreign}, stream errors ${result.feed_errors}`,
  );
  out(
    `  CPU (cores, average): ${Object.entries(result.cpu_cores)
      .map(([k, v]) => `${k} ${v ?? '?'}`)
      .join(', ')}; machine busy ${result.machine_busy ?? '?'} (shared with whatever else runs)`,
  );
  out('  invariants (violations):');
  for (const [invariant, count] of Object.entries(result.violations_by_invariant)) {
    out(`    ${count === 0 ? 'ok  ' : 'FAIL'} ${invariant}: ${count}`);
  }
}

await runBench({
  name: 'bench:load',
  main,
  print: printLoad,
  json: args.json,
  exitCode: (result) => (result.violations > 0 ? 1 : 0),
});
