import getPort from 'get-port';
import { describe, expect, it } from 'vitest';
import type { QueueFeedEvent } from './router.ts';
import { FeedRecorder, type Tracked } from './testing/feed-recorder.ts';
import { intake } from './testing/fixtures.ts';
import { startTestApi, useTestApi } from './testing/test-api.ts';
import { waitFor } from './testing/wait-for.ts';

const t = useTestApi();

async function scrape(url = t.api.metricsUrl): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, e.g. `value(text, 'autodoctor_requests_total', { code: '200' })`; undefined if absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) present.set(pair[1]!, pair[2]!);
    if (Object.entries(labels).every(([key, val]) => present.get(key) === val)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics, on its own port', () => {
  it("is served on METRICS_HOST (127.0.0.1 by default), never on the API's port", async () => {
    expect(new URL(t.api.metricsUrl).hostname).toBe('127.0.0.1');
    expect(new URL(t.api.metricsUrl).port).not.toBe(String(t.api.port));
    const onApiPort = await fetch(`${t.api.url}/metrics`);
    expect(onApiPort.status).toBe(404);
    expect(await onApiPort.json()).toEqual({ code: 'NOT_FOUND', message: 'No such route' });
    // Only the metrics are served on theirs.
    const other = await fetch(`${t.api.metricsUrl}/healthz`);
    expect(other.status).toBe(404);
    expect((await fetch(`${t.api.metricsUrl}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('listens on the METRICS_PORT it is given', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const api = await startTestApi(t.database, t.emulator, { METRICS_PORT: String(port) });
    try {
      expect(api.metricsUrl).toBe(`http://127.0.0.1:${port}`);
      expect(await scrape(api.metricsUrl)).toContain('autodoctor_requests_total');
    } finally {
      await api.close();
    }
  });

  it('counts requests by procedure and code, with latency histograms', async () => {
    const customer = await t.customer();
    await customer.client.customer.creditBalance.query();
    await expect(t.anonymous.customer.creditBalance.query()).rejects.toThrow();
    await fetch(`${t.api.url}/trpc/no.such.procedure${Math.random()}`);

    const text = await scrape();
    const ok = { procedure: 'customer.creditBalance', code: '200' };
    expect(value(text, 'autodoctor_requests_total', ok)).toBe(1);
    expect(
      value(text, 'autodoctor_requests_total', { procedure: 'customer.creditBalance', code: '401' }),
    ).toBe(1);
    expect(value(text, 'autodoctor_requests_total', { procedure: 'auth:sign-up/email', code: '200' })).toBe(
      1,
    );
    expect(value(text, 'autodoctor_request_duration_seconds_count', ok)).toBe(1);
    expect(value(text, 'autodoctor_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(1);
    // A made-up path is one bounded label, not a label of its own.
    expect(value(text, 'autodoctor_requests_total', { procedure: 'trpc:other', code: '404' })).toBe(1);
    expect(text).not.toContain('no.such.procedure');
    // Node's own: CPU, memory, event-loop lag.
    expect(value(text, 'autodoctor_process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('shows open subscriptions, the fan-out delay, the queue and its oldest wait', async () => {
    const mechanic = await t.mechanic();
    const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(mechanic.client.mechanic.queueFeed, undefined);
    await feed.started();
    await waitFor(
      async () =>
        value(await scrape(), 'autodoctor_open_subscriptions', { feed: 'mechanic.queueFeed' }) === 1,
      'the subscription counted',
    );
    const customer = await t.customer();
    await customer.client.intake.startSession.mutate(intake());
    await feed.find((event) => event.data.type === 'new_assignment');

    const text = await scrape();
    expect(
      value(text, 'autodoctor_fanout_delay_seconds_count', { table: 'session_events' }),
    ).toBeGreaterThanOrEqual(1);
    expect(value(text, 'autodoctor_queue_length')).toBe(1);
    expect(value(text, 'autodoctor_queue_oldest_wait_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'autodoctor_refunds_owed')).toBe(0);
    expect(value(text, 'autodoctor_database_up')).toBe(1);

    feed.stop();
    await waitFor(
      async () =>
        value(await scrape(), 'autodoctor_open_subscriptions', { feed: 'mechanic.queueFeed' }) === 0,
      'the subscription no longer counted',
    );
  });

  it('counts scheduler runs by job', async () => {
    const api = await startTestApi(t.database, t.emulator, { SCHEDULER: 'on', SCHEDULER_TICK_MS: '50' });
    try {
      await waitFor(
        async () =>
          (value(await scrape(api.metricsUrl), 'autodoctor_scheduler_job_runs_total', {
            job: 'promote-due-scheduled-sessions',
          }) ?? 0) >= 1,
        'a scheduler run counted',
      );
    } finally {
      await api.close();
    }
  });
});
