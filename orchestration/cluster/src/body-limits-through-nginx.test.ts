import superjson from 'superjson';
import { expect, it } from 'vitest';
import { BODY_LIMITS } from '@autodoctor/api';
import { intake } from '@autodoctor/api/testing/fixtures';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';

const t = useTestCluster({}, { instances: 1 });

/** What came back for a POST of `bytes` bytes to `target`, through nginx or straight to the instance. */
async function post(base: string, target: string, bytes: number, headers: Record<string, string> = {}) {
  const json = JSON.stringify(superjson.serialize(intake()));
  const response = await fetch(`${base}${target}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: json + ' '.repeat(Math.max(0, bytes - json.length)),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type')?.split(';')[0],
    body: essentials(await response.json()),
  };
}

/** What a client reads of an error: our `{ code, message }`, or of tRPC's shape its message and codes. */
function essentials(body: unknown): unknown {
  const trpc = (
    body as { error?: { json?: { message: string; code: number; data: Record<string, unknown> } } }
  ).error?.json;
  if (!trpc) return body;
  const { message, code, data } = trpc;
  return { message, code, data: { code: data.code, httpStatus: data.httpStatus } };
}

describeWithNginx('request bodies through nginx (deploy/nginx)', () => {
  it("passes each route's largest body on, and answers a larger one itself with the API's own 413", async () => {
    const customer = await t.customer();
    const instance = t.cluster.instances[0]!.url;
    const routes = [
      ['/trpc/intake.startSession', BODY_LIMITS.trpc],
      ['/api/auth/sign-in/email', BODY_LIMITS.auth],
      ['/webhooks/stripe', BODY_LIMITS.stripeWebhook],
    ] as const;
    for (const [target, limit] of routes) {
      const headers = { cookie: customer.cookie, 'stripe-signature': 't=1,v1=00' };
      // At the limit nginx passes it on: the API answers (refused for what it says, not its size).
      const atLimit = await post(t.cluster.url, target, limit, headers);
      expect({ target, status: atLimit.status }).not.toEqual({ target, status: 413 });
      // Over it: nginx's answer is the API's, word for word (the API's without nginx, for comparison).
      const overNginx = await post(t.cluster.url, target, limit + 1, headers);
      const overApi = await post(instance, target, limit + 1, headers);
      expect({ target, ...overNginx }).toEqual({ target, ...overApi });
      expect(overNginx.status).toBe(413);
    }
  });
});
