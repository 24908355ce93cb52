/**
 * One sample of an instance's `GET /metrics` (at its metrics listener's URL, `metricsUrl`), e.g.
 * open subscriptions of a feed; undefined when absent.
 */
export async function metricOf(
  metricsUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const response = await fetch(`${metricsUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${response.status}`);
  for (const line of (await response.text()).split('\n')) {
    const match = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) present.set(pair[1]!, pair[2]!);
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}

export const openSubscriptionsOf = async (metricsUrl: string, feed: string) =>
  (await metricOf(metricsUrl, 'autodoctor_open_subscriptions', { feed })) ?? 0;
