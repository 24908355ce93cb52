import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
import { secureHeaders } from 'hono/secure-headers';
import { API_PATHS, APP_HEADER, gatewayErrorBody, hopByHopHeaders } from '@autodoctor/vite-config/api-proxy';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What of `headers` a proxy passes on: all but the hop-by-hop headers (vite-config's list, as in dev). */
function forwarded(headers: Headers): Headers {
  const kept = new Headers(headers);
  for (const name of hopByHopHeaders(headers.keys(), headers.get('connection'))) kept.delete(name);
  return kept;
}

export interface StaticAppOptions {
  app: 'customer' | 'mechanic' | 'ops';
  /** The app's `vite build` output. */
  distDir: string;
  apiUrl: string;
  port: number;
  host?: string;
}

/**
 * A built SPA without Vite: its files (hashed assets cached for a year, the
 * rest revalidated), index.html for every other path, the API's paths proxied
 * (streams included), and security headers on every answer: a CSP without
 * inline scripts, no framing, nosniff, a strict referrer policy.
 */
export function createStaticAppServer(options: Pick<StaticAppOptions, 'app' | 'distDir' | 'apiUrl'>): Hono {
  const { app, distDir, apiUrl } = options;
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`${distDir} has no index.html: run \`pnpm build\` first`);
  }
  const server = new Hono();
  server.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Components position popovers and toasts with inline styles; no script can be inlined.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  for (const prefix of API_PATHS) {
    server.all(`${prefix}/*`, async (c) => {
      const url = new URL(c.req.url);
      const request = c.req.raw;
      const headers = forwarded(request.headers);
      headers.delete('host');
      headers.set(APP_HEADER, app);
      let response: Response;
      try {
        response = await proxy(`${apiUrl}${url.pathname}${url.search}`, {
          method: request.method,
          headers,
          body: request.body,
          duplex: request.body ? 'half' : undefined,
          signal: request.signal,
        });
      } catch (error) {
        // The API is down or restarting: a typed 502, as nginx answers, and one line in the log.
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        console.warn(
          `${app} app: ${request.method} ${url.pathname}: the API did not answer (${String(cause)})`,
        );
        return c.body(gatewayErrorBody(url.pathname), 502, { 'content-type': 'application/json' });
      }
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: forwarded(response.headers),
      });
    });
  }
  server.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  server.use(
    '*',
    serveStatic({ root: distDir, onFound: (_path, c) => c.header('Cache-Control', 'no-cache') }),
  );
  // Client-side routes: the app itself decides what to show (and its 404).
  server.get(
    '*',
    serveStatic({
      root: distDir,
      path: 'index.html',
      onFound: (_p, c) => c.header('Cache-Control', 'no-cache'),
    }),
  );
  return server;
}

/** Serves one built app on `port` (0: any free one); resolves once it listens. */
export async function serveStaticApp(
  options: StaticAppOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createStaticAppServer(options);
  const host = options.host ?? 'localhost';
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
