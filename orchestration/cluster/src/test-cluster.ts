import { useTestDatabase, type TestDatabase } from '@autodoctor/db/testing';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import { afterAll, beforeAll, describe } from 'vitest';
import { findNginx, startLocalCluster, type LocalCluster } from './local-cluster.ts';
import { EMULATOR_WEBHOOK_SECRET, type ApiConfigInput } from '@autodoctor/api';
import { signInNewMechanic, signUpCustomer, type TestUser } from '@autodoctor/api/testing/accounts';
import { testConfig } from '@autodoctor/api/testing/test-api';

/**
 * `describe` for tests that need nginx: without it they fail with one line
 * saying how to install it, unless AUTODOCTOR_SKIP_NGINX_TESTS=1 skips them
 * (CI installs nginx and runs them).
 */
export function describeWithNginx(name: string, body: () => void): void {
  if (!findNginx() && process.env.AUTODOCTOR_SKIP_NGINX_TESTS === '1') {
    describe.skip(`${name} (skipped: nginx is not installed and AUTODOCTOR_SKIP_NGINX_TESTS=1)`, body);
  } else {
    describe(name, body);
  }
}

export interface TestCluster {
  database: TestDatabase;
  emulator: StripeEmulator;
  cluster: LocalCluster;
  /** Users signed in through nginx, as the apps do. */
  customer: () => Promise<TestUser>;
  mechanic: () => Promise<TestUser>;
}

/**
 * For a test file: its own database, a Stripe emulator sending its webhooks
 * through nginx, and a local cluster (deploy/nginx in front of `instances` API
 * processes), started before the first test and stopped after the last.
 */
export function useTestCluster(
  env: Partial<Record<keyof ApiConfigInput, string>> = {},
  options: { instances?: number } = {},
): TestCluster {
  const database = useTestDatabase();
  let current: Omit<TestCluster, 'database'> | undefined;
  beforeAll(async () => {
    const emulator = await startStripeEmulator({ retry: { attempts: 6, baseDelayMs: 100 } });
    const config = testConfig(database.url, emulator.url);
    try {
      const cluster = await startLocalCluster({
        instances: options.instances,
        env: {
          DATABASE_URL: database.url,
          BETTER_AUTH_SECRET: config.BETTER_AUTH_SECRET,
          STRIPE_EMULATOR_URL: emulator.url,
          SCHEDULER: 'off',
          RATE_LIMITS: 'off',
          ...env,
        },
      });
      emulator.addWebhookEndpoint(`${cluster.url}/webhooks/stripe`, EMULATOR_WEBHOOK_SECRET);
      current = {
        emulator,
        cluster,
        customer: () => signUpCustomer(cluster.url),
        mechanic: () => signInNewMechanic(cluster.url, database.db),
      };
    } catch (error) {
      await emulator.close();
      throw error;
    }
  });
  afterAll(async () => {
    await current?.cluster.stop();
    await current?.emulator.close();
  });
  return new Proxy({} as TestCluster, {
    get: (_, key) => {
      if (key === 'database') return database;
      if (!current) throw new Error('useTestCluster(): the cluster runs only inside tests and hooks');
      return current[key as keyof typeof current];
    },
  });
}
