import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
import { secureHeaders } from 'hono/secure-headers';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The API's paths each app's origin forwards (cookies stay first-party); the same as in dev. */
const API_PATHS = ['/trpc', '/api/auth', '/api/photos'] as const;
const APP_HEADER = 'x-autodoctor-app';

export interface StaticAppOptions {
  app: 'customer' | 'mechanic';
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
    server.all(`${prefix}/*`, (c) => {
      const url = new URL(c.req.url);
      return proxy(`${apiUrl}${url.pathname}${url.search}`, {
        ...c.req,
        headers: { ...c.req.header(), [APP_HEADER]: app, host: undefined },
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
