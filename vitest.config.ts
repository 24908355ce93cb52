import { defineConfig } from 'vitest/config';
import { sourceResolve } from './tooling/vite-config/src/source-condition.js';

// Generous limits: these tests talk to a real server on a shared 2-core machine.
const limits = { testTimeout: 60_000, hookTimeout: 120_000 };

// One run for the whole workspace. The node project gets one PostgreSQL server
// and one migrated template from its global setup; every test file gets its own
// copy. Component tests run in happy-dom with each package's own Vite config.
// Browser journeys are Playwright's (`pnpm test:e2e`), not vitest's.
export default defineConfig({
  test: {
    projects: [
      {
        // The workspace packages as TypeScript source, not their published builds.
        ...sourceResolve,
        test: {
          name: 'node',
          include: ['{orchestration,apps,packages,tooling}/*/src/**/*.test.ts', 'eslint.config.test.ts'],
          exclude: [
            'apps/*-web/**',
            'packages/ui/**',
            'packages/session-room/**',
            'packages/auth-client/**',
            '**/node_modules/**',
          ],
          globalSetup: ['./packages/db/src/testing/global-setup.ts'],
          ...limits,
        },
      },
      ...[
        'packages/ui',
        'packages/session-room',
        'packages/auth-client',
        'apps/customer-web',
        'apps/mechanic-web',
        'apps/ops-web',
      ].map((root) => ({
        extends: `./${root}/vite.config.ts`,
        test: {
          name: root.split('/')[1],
          root: `./${root}`,
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['../../packages/ui/src/test-setup.ts'],
          ...limits,
        },
      })),
    ],
  },
});
