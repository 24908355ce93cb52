import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  signWebhookBody,
  verifyWebhook,
  WebhookSignatureError,
  type WebhookSignatureFailure,
} from './index.ts';

const secret = 'whsec_test_secret';
const now = 1_780_000_000;
const event = {
  version: 1,
  id: 42,
  type: 'assignment_accepted',
  sessionId: '0b5c3a52-3f7e-4d7c-9d55-5b1f0a0a7a11',
  createdAt: '2026-12-07T10:00:00.000Z',
  data: {},
};
const body = JSON.stringify(event);

function refusal(run: () => unknown): WebhookSignatureFailure | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('verifyWebhook', () => {
  it('returns the event of a body signed with the secret', () => {
    const signature = signWebhookBody(body, secret, now);
    expect(signature).toMatch(/^t=1780000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook({ body, signature, secret, now })).toEqual(event);
    expect(
      verifyWebhook({ body: new TextEncoder().encode(body), signature, secret, now: now + 300 }),
    ).toEqual(event);
  });

  it('refuses any change to the body, the timestamp or the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 1_000_000 }), (extra, shift) => {
        const signature = signWebhookBody(body, secret, now);
        expect(refusal(() => verifyWebhook({ body: body + extra, signature, secret, now }))).toBe(
          'signature_mismatch',
        );
        expect(refusal(() => verifyWebhook({ body, signature, secret: secret + extra, now }))).toBe(
          'signature_mismatch',
        );
        const moved = signature.replace(`t=${now}`, `t=${now - (shift % 300)}`);
        expect(refusal(() => verifyWebhook({ body, signature: moved, secret, now }))).toBe(
          shift % 300 === 0 ? undefined : 'signature_mismatch',
        );
      }),
    );
  });

  it('refuses a signature older (or newer) than the tolerance: a replay', () => {
    const signature = signWebhookBody(body, secret, now);
    expect(refusal(() => verifyWebhook({ body, signature, secret, now: now + 301 }))).toBe(
      'timestamp_outside_tolerance',
    );
    expect(refusal(() => verifyWebhook({ body, signature, secret, now: now - 301 }))).toBe(
      'timestamp_outside_tolerance',
    );
    expect(verifyWebhook({ body, signature, secret, now: now + 3000, toleranceSeconds: 3600 }).id).toBe(42);
  });

  it('accepts either of two secrets while one replaces the other', () => {
    const signature = signWebhookBody(body, 'whsec_new', now);
    expect(verifyWebhook({ body, signature, secret: ['whsec_old', 'whsec_new'], now }).id).toBe(42);
    const both = `${signWebhookBody(body, 'whsec_old', now)},v1=${signature.split('v1=')[1]}`;
    expect(verifyWebhook({ body, signature: both, secret: 'whsec_new', now }).id).toBe(42);
  });

  it('says what is wrong with a missing or malformed header', () => {
    expect(refusal(() => verifyWebhook({ body, signature: undefined, secret, now }))).toBe('missing_header');
    expect(refusal(() => verifyWebhook({ body, signature: '', secret, now }))).toBe('missing_header');
    for (const signature of [
      'garbage',
      `t=${now}`,
      'v1=' + 'a'.repeat(64),
      `t=abc,v1=${'a'.repeat(64)}`,
      `t=${now},v1=xyz`,
    ]) {
      expect(refusal(() => verifyWebhook({ body, signature, secret, now }))).toBe('malformed_header');
    }
  });

  it('refuses a correctly signed body that is not a webhook event', () => {
    for (const other of [
      'not json',
      '{}',
      JSON.stringify({ ...event, type: 'exploded' }),
      JSON.stringify({ ...event, version: 2 }),
    ]) {
      const signature = signWebhookBody(other, secret, now);
      expect(refusal(() => verifyWebhook({ body: other, signature, secret, now }))).toBe('invalid_body');
    }
  });
});
