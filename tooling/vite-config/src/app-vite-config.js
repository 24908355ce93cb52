// @ts-check
// Plain JavaScript: Vite loads the apps' configs with Node, which runs no TypeScript from node_modules.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Which app a request comes from: the API keeps each app's sign-in in a cookie of its own. */
export const APP_HEADER = 'x-autodoctor-app';
/** The API's paths, forwarded by each app's origin so that cookies are first-party. */
export const API_PATHS = /** @type {const} */ (['/trpc', '/api/auth', '/api/photos']);

/**
 * The Vite configuration of both web apps: React, Tailwind, and a proxy of the
 * API's paths to `AUTODOCTOR_API_URL` (`pnpm dev` sets it) in dev and preview.
 * @param {{ app: 'customer' | 'mechanic', port: number }} options the app, and its preferred port
 *   (the next free one is taken when it is busy)
 * @returns {import('vite').UserConfig}
 */
export function appViteConfig({ app, port }) {
  const target = process.env.AUTODOCTOR_API_URL ?? 'http://127.0.0.1:3000';
  /** @type {Record<string, import('vite').ProxyOptions>} */
  const proxy = Object.fromEntries(
    API_PATHS.map((path) => [path, { target, headers: { [APP_HEADER]: app } }]),
  );
  return defineConfig({
    plugins: [react(), tailwindcss()],
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
        '../../packages/{ui,session-room,api-client,auth-client}/src/**/*.{ts,tsx}',
        '../../packages/session-core/src/rules/**/*.ts',
        '!**/*.test.{ts,tsx}',
        '!**/*.e2e.ts',
        '!**/test-setup.ts',
      ],
    },
    preview: { port, proxy },
    build: { target: 'es2022', sourcemap: true, manifest: true },
  });
}
