// @ts-check
// Plain JavaScript: Vite loads the apps' configs with Node, which runs no TypeScript from node_modules.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { APP_HEADER, API_PATHS, gatewayErrorBody, hopByHopHeaders } from './api-proxy.js';
import { sourceResolve } from './source-condition.js';

export { APP_HEADER, API_PATHS, gatewayErrorBody, hopByHopHeaders };

/**
 * Vite's proxy (http-proxy-3) of the API's paths, as `pnpm start`'s server proxies them: the app's
 * header added, hop-by-hop headers dropped both ways, and a typed 502 when the API is down (Vite's
 * own is an empty text/plain 502; Vite still logs the error).
 * @param {string} target the API's URL
 * @param {'customer' | 'mechanic' | 'ops'} app
 * @returns {import('vite').ProxyOptions}
 */
function apiProxy(target, app) {
  return {
    target,
    // Set after the client's headers are copied: a client cannot send (or drop) its own.
    headers: { [APP_HEADER]: app },
    configure: (proxy) => {
      // Before the client's headers are copied to the API's request ('proxyReq' comes too late,
      // and never for a request with Expect, whose headers go out at once).
      proxy.on('start', (request) => {
        for (const name of hopByHopHeaders(Object.keys(request.headers), request.headers.connection)) {
          delete request.headers[name];
        }
      });
      proxy.on('proxyRes', (proxyRes) => {
        for (const name of hopByHopHeaders(Object.keys(proxyRes.headers), proxyRes.headers.connection)) {
          delete proxyRes.headers[name];
        }
      });
      proxy.on('error', (_error, request, response) => {
        if (!('writeHead' in response) || response.headersSent) return;
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(gatewayErrorBody(request.url ?? '/'));
      });
    },
  };
}

/**
 * What both apps' index.html share, added to each at dev and build (a page keeps only its title,
 * description and language): the charset, viewport and icon, `#root` and the entry `src/main.tsx`.
 * `pre`: the entry script is added before Vite bundles the page's scripts.
 * @returns {import('vite').Plugin}
 */
function sharedIndexHtml() {
  return {
    name: 'autodoctor-shared-index-html',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'meta', attrs: { charset: 'UTF-8' }, injectTo: 'head-prepend' },
        {
          tag: 'meta',
          attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' },
          injectTo: 'head-prepend',
        },
        {
          tag: 'link',
          attrs: { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
          injectTo: 'head',
        },
        { tag: 'div', attrs: { id: 'root' }, injectTo: 'body' },
        { tag: 'script', attrs: { type: 'module', src: '/src/main.tsx' }, injectTo: 'body' },
      ],
    },
  };
}

/**
 * The Vite configuration of both web apps: React, Tailwind, and a proxy of the
 * API's paths to `AUTODOCTOR_API_URL` (`pnpm dev` sets it) in dev and preview.
 * @param {{ app: 'customer' | 'mechanic' | 'ops', port: number }} options the app, and its preferred port
 *   (the next free one is taken when it is busy)
 * @returns {import('vite').UserConfig}
 */
export function appViteConfig({ app, port }) {
  const target = process.env.AUTODOCTOR_API_URL ?? 'http://127.0.0.1:3000';
  /** @type {Record<string, import('vite').ProxyOptions>} */
  const proxy = Object.fromEntries(API_PATHS.map((path) => [path, apiProxy(target, app)]));
  return defineConfig({
    plugins: [sharedIndexHtml(), react(), tailwindcss()],
    // The workspace packages as TypeScript source, not their published builds.
    ...sourceResolve,
    server: { port, proxy },
    // Crawl every source file of the app and of the workspace packages at start, so the dev
    // server's dependency optimizer knows every dependency before the first page: one found
    // later (say, behind a lazy route) makes Vite re-optimize and reload open pages (a page
    // reloaded under a browser journey loses what it was doing, e.g. an open dialog).
    optimizeDeps: {
      entries: [
        'index.html',
        'src/**/*.{ts,tsx}',
        // The browser-side packages only (db and session-core's server code are never in a page).
        '../../packages/{ui,session-room,api-client,auth-client,app-shell}/src/**/*.{ts,tsx}',
        '../../packages/session-core/src/rules/**/*.ts',
        // The analytics package's browser-safe parts (the console's CSV and range limits).
        '../../packages/analytics/src/{csv,limits}.ts',
        '!**/*.test.{ts,tsx}',
        '!**/*.e2e.ts',
        '!**/test-setup.ts',
      ],
    },
    preview: { port, proxy },
    build: {
      target: 'es2022',
      sourcemap: true,
      manifest: true,
      rolldownOptions: {
        output: {
          // React and the router whole, each one chunk: every first route needs both, and left to
          // itself the bundler cuts them into several small shared chunks that gzip worse (about
          // 0.8 KB more on each app's first load). The query client is left out: grouped, it brings
          // the mutation and infinite-query code into the sign-in page's first load.
          codeSplitting: {
            groups: [
              { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              {
                name: 'router',
                test: /[\\/]node_modules[\\/]@tanstack[\\/](react-router|router-core|history|store|react-store)[\\/]/,
              },
            ],
          },
        },
      },
    },
  });
}
