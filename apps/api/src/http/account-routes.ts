import type { Hono } from 'hono';
import { accountExportZip, collectAccountExport } from '../account/export-account.ts';
import { createPhotoStorage } from '../photos/create-photo-storage.ts';
import { minutes, RateLimitedError } from '../rate-limit/rate-limiter.ts';
import type { ApiServices } from '../trpc/context.ts';

/**
 * `GET /api/account/export`: "download my data", a zip of `account.json` and the photos
 * (account/export-account.ts), for the signed-in person (either role), counted against
 * RATE_LIMIT_ACCOUNT_EXPORT_PER_ACCOUNT. A GET that changes nothing: a page of another site can
 * make the browser download its own user's zip (to that user), never read it (no CORS for it,
 * and SameSite=Lax cookies are not sent with another site's fetches).
 */
export function registerAccountRoutes(app: Hono, services: ApiServices) {
  const storage = createPhotoStorage(services.config, services.db);

  app.get('/api/account/export', async (c) => {
    const { headers } = c.req.raw;
    const user = await services.authByApp.forRequest(headers).sessions.userOf(headers);
    if (!user) return c.json({ code: 'UNAUTHORIZED', message: 'Sign in first' }, 401);
    const rule = services.rateLimiter.rules.accountExportPerAccount;
    try {
      await services.rateLimiter.consume(
        `account-export:account:${user.id}`,
        rule,
        `Too many downloads of your data: at most ${rule.max} in ${minutes(rule.windowSeconds)}`,
      );
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return c.json({ code: 'TOO_MANY_REQUESTS', message: error.message }, 429, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    const exported = await collectAccountExport(services.db, user.id);
    if (!exported) return c.json({ code: 'UNAUTHORIZED', message: 'Sign in first' }, 401);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(accountExportZip(exported, storage), 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="autodoctor-data-${day}.zip"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}
