/**
 * How long a message waits after its `attempts`-th failed try: `baseMs` doubled per earlier
 * failure, at most `capMs`, then between half and all of that at random ("equal jitter"), so
 * messages that failed together (a relay outage) do not all come back at the same moment.
 */
export function backoffMs(
  attempts: number,
  { baseMs, capMs }: { baseMs: number; capMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
