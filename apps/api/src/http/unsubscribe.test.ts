import { notificationOptOuts, users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../mail/unsubscribe-token.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { INVALID_UNSUBSCRIBE_LINK_MESSAGE } from './unsubscribe-routes.ts';

const t = useTestApi();
const secret = () => t.api.services.config.BETTER_AUTH_SECRET;
const optOutsOf = (userId: string) =>
  t.database.db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, userId));

const unsubscribe = (token: string | undefined, method: 'GET' | 'POST' = 'POST', apiUrl = t.api.url) =>
  fetch(`${apiUrl}/api/unsubscribe${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`, {
    method,
    ...(method === 'POST'
      ? {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        }
      : {}),
  });

describe('/api/unsubscribe refuses what it should, changing nothing', () => {
  it('a tampered, foreign, missing or security-kind token: 400 INVALID_UNSUBSCRIBE_LINK', async () => {
    const customer = await t.customer();
    const good = unsubscribeToken(secret(), customer.userId, 'session_ended');
    const [user, kind, mac] = good.split('.') as [string, string, string];
    const tampered = [
      `${user}.${kind}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
      `${user}.session_live.${mac}`,
      `${user}.reset_password.${mac}`,
      unsubscribeToken('another-secret-another-secret-another!', customer.userId, 'session_ended'),
      'not-a-token',
      '',
      undefined,
    ];
    for (const token of tampered) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await unsubscribe(token, method);
        expect(response.status, `${method} ${token}`).toBe(400);
        expect(await response.json()).toEqual({
          code: 'INVALID_UNSUBSCRIBE_LINK',
          message: INVALID_UNSUBSCRIBE_LINK_MESSAGE,
        });
      }
    }
    expect(await optOutsOf(customer.userId)).toEqual([]);
    // The good one still works afterwards.
    expect((await unsubscribe(good)).status).toBe(200);
    expect((await optOutsOf(customer.userId)).map((row) => row.kind)).toEqual(['session_ended']);
  });

  it('an erased account: 404, nothing written', async () => {
    const customer = await t.customer();
    await t.database.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, customer.userId));
    const token = unsubscribeToken(secret(), customer.userId, 'session_live');
    for (const method of ['GET', 'POST'] as const) {
      const response = await unsubscribe(token, method);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await optOutsOf(customer.userId)).toEqual([]);
  });

  it('a body larger than a form: 413, nothing written', async () => {
    const customer = await t.customer();
    const token = unsubscribeToken(secret(), customer.userId, 'session_live');
    const response = await fetch(`${t.api.url}/api/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: 'x'.repeat(64 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(await optOutsOf(customer.userId)).toEqual([]);
  });

  it('too many from one address: 429 with Retry-After (RATE_LIMIT_UNSUBSCRIBE_PER_IP)', async () => {
    const limited = await startTestApi(t.database, t.emulator, {
      RATE_LIMITS: 'on',
      RATE_LIMIT_UNSUBSCRIBE_PER_IP: '2/600',
    });
    try {
      const customer = await t.customer();
      const token = unsubscribeToken(secret(), customer.userId, 'quote_sent');
      expect((await unsubscribe(token, 'GET', limited.url)).status).toBe(200);
      expect((await unsubscribe('tampered', 'POST', limited.url)).status).toBe(400);
      const refused = await unsubscribe(token, 'POST', limited.url);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(await optOutsOf(customer.userId)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
