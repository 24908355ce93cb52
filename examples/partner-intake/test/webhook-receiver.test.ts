import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
} from '@autodoctor/session-core/webhooks';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/webhook-receiver.ts';

const secret = 'whsec_sample_receiver_test';
const event = (id: number): WebhookEvent => ({
  version: 1,
  id,
  type: 'created',
  sessionId: '0b5c3a52-3f7e-4d7c-9d55-5b1f0a0a7a11',
  createdAt: '2026-12-07T10:00:00.000Z',
  data: {},
});
const handled: WebhookEvent[] = [];
let receiver: RunningWebhookReceiver;
before(async () => {
  receiver = await startWebhookReceiver({ secret, onEvent: (got) => void handled.push(got) });
});
after(() => receiver.close());

function deliver(body: string, signature = signWebhookBody(body, secret, Math.floor(Date.now() / 1000))) {
  return fetch(receiver.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
    body,
  });
}

describe('the sample webhook receiver', () => {
  it('takes a signed event once, answering 204 to its repeat too', async () => {
    const body = JSON.stringify(event(1));
    assert.equal((await deliver(body)).status, 204);
    assert.equal((await deliver(body)).status, 204);
    assert.deepEqual(handled, [event(1)]);
  });

  it('refuses what AutoDoctor did not sign with this secret, saying why, and hands nothing on', async () => {
    const body = JSON.stringify(event(2));
    const now = Math.floor(Date.now() / 1000);
    const refusals = [
      [await deliver(`${body} `, signWebhookBody(body, secret, now)), 'signature_mismatch'],
      [await deliver(body, signWebhookBody(body, 'whsec_other', now)), 'signature_mismatch'],
      [await deliver(body, signWebhookBody(body, secret, now - 3600)), 'timestamp_outside_tolerance'],
      [await deliver(body, 'nonsense'), 'malformed_header'],
    ] as const;
    for (const [response, reason] of refusals) {
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { error: reason });
    }
    assert.equal((await deliver('x'.repeat(70_000))).status, 413);
    assert.deepEqual(handled, [event(1)]);
  });
});
