import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStaticApp } from './static-app-server.ts';

// A built app on disk and a stand-in API that echoes what reached it.
let distDir: string;
let api: ReturnType<typeof serve>;
let app: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  distDir = await mkdtemp(path.join(tmpdir(), 'autodoctor-dist-'));
  await mkdir(path.join(distDir, 'assets'));
  await writeFile(
    path.join(distDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
  );
  await writeFile(path.join(distDir, 'assets', 'app-1.js'), 'console.log(1)');
  const upstream = new Hono();
  upstream.all('*', async (c) =>
    c.json(
      {
        path: new URL(c.req.url).pathname,
        search: new URL(c.req.url).search,
        app: c.req.header('x-autodoctor-app') ?? null,
        method: c.req.method,
        bytes: (await c.req.arrayBuffer()).byteLength,
      },
      200,
      { 'set-cookie': 'a=1; HttpOnly' },
    ),
  );
  api = await new Promise((resolve) => {
    const server = serve({ fetch: upstream.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
  });
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  app = await serveStaticApp({ app: 'mechanic', distDir, apiUrl, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  await new Promise((resolve) => api.close(resolve));
  await rm(distDir, { recursive: true, force: true });
});

describe('serving a built app without Vite', () => {
  it('sends security headers: a CSP without inline scripts, no framing, nosniff, a referrer policy', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('caches hashed assets for a year and revalidates index.html, served for client routes too', async () => {
    const asset = await fetch(`${app.url}/assets/app-1.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const route = await fetch(`${app.url}/sessions/some-id`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('/assets/app-1.js');
  });

  it("forwards the API's paths with the app's header, and the API's cookies back", async () => {
    for (const pathname of ['/trpc/mechanic.queue', '/api/auth/sign-in/email']) {
      const response = await fetch(`${app.url}${pathname}`, { method: 'POST', body: '{}' });
      expect(await response.json()).toMatchObject({ path: pathname, app: 'mechanic', method: 'POST' });
      expect(response.headers.get('set-cookie')).toBe('a=1; HttpOnly');
    }
  });

  it('forwards photo uploads whole (over 10 MB: the API itself refuses what is too large), views and removals', async () => {
    const photo = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    const upload = await fetch(`${app.url}/api/photos?for=intake`, { method: 'POST', body: photo });
    expect(await upload.json()).toEqual({
      path: '/api/photos',
      search: '?for=intake',
      app: 'mechanic',
      method: 'POST',
      bytes: photo.length,
    });
    for (const [method, pathname] of [
      ['GET', '/api/photos/7b0c7a52-1c1e-4b5e-9a57-3f6f0f0c2a11'],
      ['GET', '/api/photos/7b0c7a52-1c1e-4b5e-9a57-3f6f0f0c2a11/thumbnail'],
      ['DELETE', '/api/photos/7b0c7a52-1c1e-4b5e-9a57-3f6f0f0c2a11'],
    ] as const) {
      const response = await fetch(`${app.url}${pathname}`, { method });
      expect(await response.json()).toMatchObject({ path: pathname, app: 'mechanic', method });
    }
  });
});
