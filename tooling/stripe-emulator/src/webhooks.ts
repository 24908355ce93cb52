// Delivers events to the configured endpoints the way Stripe does: a signed POST of the
// event JSON, retried with exponential backoff until a 2xx. Deliveries run in the
// background (the API response never waits for them) and are logged for tests to read.
import { setTimeout as delay } from 'node:timers/promises';
import { unixNow } from './ids.ts';
import { signatureHeader } from './signature.ts';
import type { StripeEvent, StripeEventType } from './stripe-objects.ts';

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface RetryPolicy {
  /** Tries per event and endpoint, the first included. */
  attempts: number;
  /** Wait before the second try; doubled before each later one. */
  baseDelayMs: number;
}

/** One POST of one event to one endpoint. */
export interface WebhookDelivery {
  eventId: string;
  eventType: StripeEventType;
  url: string;
  /** 1 for the first try. */
  attempt: number;
  /** The endpoint's HTTP status; null when it could not be reached. */
  statusCode: number | null;
  /** Why the endpoint could not be reached (connection refused, timeout …); null when it answered. */
  error: string | null;
  /** Only a 2xx counts, as on Stripe (redirects are not followed). */
  ok: boolean;
}

// Stripe gives an endpoint a few seconds; ten keeps a hung test receiver from stalling a run for long.
const ATTEMPT_TIMEOUT_MS = 10_000;

export class WebhookDispatcher {
  private readonly endpoints: WebhookEndpoint[] = [];
  private readonly log: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly retry: RetryPolicy,
    private readonly logLine: (line: string) => void,
  ) {}

  addEndpoint(url: string, secret: string): void {
    if (!URL.canParse(url)) throw new Error(`Webhook endpoint is not a URL: ${url}`);
    if (secret === '') throw new Error(`Webhook endpoint ${url} needs a signing secret (whsec_…)`);
    this.endpoints.push({ url, secret });
  }

  endpointCount(): number {
    return this.endpoints.length;
  }

  /** Starts delivering to every endpoint known now; returns at once. */
  dispatch(event: StripeEvent): void {
    if (this.stopping.signal.aborted) return;
    // Stripe sends pretty-printed JSON; a receiver that re-serialises instead of verifying the raw body fails, as it would there.
    const body = JSON.stringify(event, null, 2);
    for (const endpoint of this.endpoints) {
      const delivery = this.deliver(endpoint, event, body);
      this.pending.add(delivery);
      void delivery.then(() => this.pending.delete(delivery));
    }
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery }));
  }

  /** Resolves once nothing is in flight or waiting to retry, including deliveries started meanwhile. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Abandons in-flight attempts and pending retries. */
  close(): void {
    this.stopping.abort();
  }

  // Never rejects: every outcome is logged.
  private async deliver(endpoint: WebhookEndpoint, event: StripeEvent, body: string): Promise<void> {
    const { attempts, baseDelayMs } = this.retry;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.post(endpoint, body);
      if (this.stopping.signal.aborted) return;
      this.log.push({ eventId: event.id, eventType: event.type, url: endpoint.url, attempt, ...outcome });
      this.logLine(
        `webhook ${event.type} ${event.id} → ${endpoint.url}: ${outcome.statusCode ?? outcome.error} ` +
          `(attempt ${attempt}/${attempts})`,
      );
      if (outcome.ok) return;
      if (attempt < attempts) {
        await delay(baseDelayMs * 2 ** (attempt - 1), undefined, { signal: this.stopping.signal }).catch(
          () => undefined,
        );
        if (this.stopping.signal.aborted) return;
      }
    }
  }

  private async post(
    endpoint: WebhookEndpoint,
    body: string,
  ): Promise<Pick<WebhookDelivery, 'statusCode' | 'error' | 'ok'>> {
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          // Signed per attempt, so a retry carries a fresh timestamp.
          'Stripe-Signature': signatureHeader(body, endpoint.secret, unixNow()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.arrayBuffer(); // drain, so the connection can be reused
      return {
        statusCode: response.status,
        error: null,
        ok: response.status >= 200 && response.status < 300,
      };
    } catch (error) {
      return { statusCode: null, error: describeFetchError(error), ok: false };
    }
  }
}

// fetch() reports "fetch failed" and hides the reason (ECONNREFUSED …) in `cause`.
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
    return `${error.message}: ${code}`;
  }
  return error.message;
}
