import { defineConfig } from 'vitest/config';

// One run for the whole workspace: one PostgreSQL server and one migrated
// template, started by the global setup; every test file gets its own copy.
export default defineConfig({
  test: {
    include: ['{apps,packages,tooling}/*/src/**/*.test.ts'],
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    // Generous limits: these tests talk to a real server on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
