import { serve } from '@hono/node-server';
import { appViteConfig } from '@autodoctor/vite-config';
import { Hono } from 'hono';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createViteServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
  // Answers with hop-by-hop headers of its own (distinct values: the proxy's server adds its own).
  upstream.all('/trpc/hop-by-hop', (c) =>
    c.json({ ok: true }, 200, {
      connection: 'x-upstream-hop',
      'x-upstream-hop': 'dropped',
      'keep-alive': 'timeout=99, max=7',
      'proxy-authenticate': 'Basic realm="upstream"',
      'proxy-connection': 'keep-alive',
      upgrade: 'h2c',
      'x-end-to-end': 'kept',
    }),
  );
  upstream.all('*', async (c) =>
    c.json(
      {
        path: new URL(c.req.url).pathname,
        search: new URL(c.req.url).search,
        app: c.req.header('x-autodoctor-app') ?? null,
        method: c.req.method,
        bytes: (await c.req.arrayBuffer()).byteLength,
        ...(c.req.path === '/trpc/echo-headers' ? { headers: Object.fromEntries(c.req.raw.headers) } : {}),
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

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A POST as curl sends one over 1 KB: `Expect: 100-continue`, the body only after the server's
 * 100 Continue, chunked; with `headers` besides (node:http, as fetch refuses to send Expect).
 */
function postExpectingContinue(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { expect: '100-continue', 'content-type': 'application/json', ...headers },
    });
    request.on('continue', () => request.end(body));
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: text }),
      );
    });
    request.on('error', reject);
  });
}

/** A port nothing listens on: the API is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Each way an app's origin proxies the API: `pnpm start`'s server, and Vite's dev server (`pnpm dev`). */
const PROXIES = {
  'pnpm start': async (apiUrl: string) =>
    serveStaticApp({ app: 'mechanic', distDir, apiUrl, port: 0, host: '127.0.0.1' }),
  'Vite (pnpm dev)': async (apiUrl: string) => {
    const previous = process.env.AUTODOCTOR_API_URL;
    process.env.AUTODOCTOR_API_URL = apiUrl;
    const config = appViteConfig({ app: 'mechanic', port: 0 });
    if (previous === undefined) delete process.env.AUTODOCTOR_API_URL;
    else process.env.AUTODOCTOR_API_URL = previous;
    const vite = await createViteServer({
      ...config,
      configFile: false,
      root: distDir,
      logLevel: 'silent',
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { ...config.server, host: '127.0.0.1', port: 0, hmr: false, ws: false },
    });
    await vite.listen();
    const { port } = vite.httpServer!.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => vite.close() };
  },
};

describe.each(Object.entries(PROXIES))('the API proxy of %s', (_name, start) => {
  const apiUrl = () => `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  it('forwards a body sent with Expect: 100-continue, without the hop-by-hop headers (RFC 9110 §7.6.1)', async () => {
    const proxy = await start(apiUrl());
    try {
      const body = JSON.stringify({ json: { concern: 'x'.repeat(4096) } });
      const answer = await postExpectingContinue(
        `${proxy.url}/trpc/echo-headers`,
        {
          connection: 'keep-alive, x-client-hop',
          'x-client-hop': 'dropped',
          'keep-alive': 'timeout=99',
          te: 'trailers',
          trailer: 'x-client-checksum',
          upgrade: 'websocket',
          'proxy-authorization': 'Basic eDp5',
          'proxy-connection': 'keep-alive',
          'transfer-encoding': 'chunked',
          'x-end-to-end': 'kept',
        },
        body,
      );
      expect(answer.status).toBe(200);
      const received = JSON.parse(answer.body) as {
        app: string;
        bytes: number;
        headers: Record<string, string>;
      };
      expect({ app: received.app, bytes: received.bytes }).toEqual({ app: 'mechanic', bytes: body.length });
      expect(received.headers['x-end-to-end']).toBe('kept');
      for (const name of [
        'expect',
        'x-client-hop',
        'keep-alive',
        'te',
        'trailer',
        'upgrade',
        'proxy-authorization',
        'proxy-connection',
      ]) {
        expect(received.headers, name).not.toHaveProperty(name);
      }
      // The proxy's own connection to the API may say keep-alive or close; nothing of the client's.
      expect(received.headers.connection ?? 'keep-alive').toMatch(/^(keep-alive|close)$/i);
    } finally {
      await proxy.close();
    }
  });

  it("drops the API's hop-by-hop headers from its answer", async () => {
    const proxy = await start(apiUrl());
    try {
      const answer = await postExpectingContinue(`${proxy.url}/trpc/hop-by-hop`, {}, '{}');
      expect(answer.status).toBe(200);
      expect(answer.headers['x-end-to-end']).toBe('kept');
      expect(answer.headers['x-upstream-hop']).toBeUndefined();
      expect(answer.headers['keep-alive']).not.toBe('timeout=99, max=7');
      expect(answer.headers.connection).not.toMatch(/x-upstream-hop/i);
      for (const name of ['proxy-authenticate', 'proxy-connection', 'upgrade']) {
        expect(answer.headers, name).not.toHaveProperty(name);
      }
    } finally {
      await proxy.close();
    }
  });

  it('answers a typed 502 when the API cannot be reached, never a 500 with a stack trace', async () => {
    const errors = vi.spyOn(console, 'error');
    const proxy = await start(`http://127.0.0.1:${await closedPort()}`);
    try {
      const trpc = await fetch(`${proxy.url}/trpc/mechanic.queue`);
      expect(trpc.status).toBe(502);
      expect(trpc.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await trpc.json()).toMatchObject({
        error: { json: { code: -32603, data: { code: 'BAD_GATEWAY', httpStatus: 502 } } },
      });
      const auth = await postExpectingContinue(`${proxy.url}/api/auth/sign-in/email`, {}, '{}');
      expect(auth.status).toBe(502);
      expect(JSON.parse(auth.body)).toMatchObject({ code: 'BAD_GATEWAY' });
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      await proxy.close();
    }
  });
});
