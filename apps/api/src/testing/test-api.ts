import { useTestDatabase, type TestDatabase } from '@autodoctor/db/testing';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type ApiConfigInput } from '../config.ts';
import { startApiServer, type ApiServer } from '../server.ts';
import { EMULATOR_WEBHOOK_SECRET } from '../stripe/stripe-client.ts';
import { signInNewAccount, signInNewMechanic, signUpCustomer, type TestUser } from './accounts.ts';
import { createApiClient, type ApiClient } from './api-client.ts';

/** The settings every test API shares; tests override what they exercise. */
export function testConfig(
  databaseUrl: string,
  emulatorUrl: string,
  env: Partial<Record<keyof ApiConfigInput, string>> = {},
) {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret!',
    STRIPE_EMULATOR_URL: emulatorUrl,
    CUSTOMER_APP_URL: 'http://localhost:5173',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SCHEDULER: 'off',
    // Test files sign up and start sessions by the dozen from 127.0.0.1; rate-limits.test.ts turns them on.
    RATE_LIMITS: 'off',
    ...env,
  });
}

/** Starts an API instance on the test database, with the emulator sending it webhooks. */
export async function startTestApi(
  database: Pick<TestDatabase, 'url'>,
  emulator: StripeEmulator,
  env: Partial<Record<keyof ApiConfigInput, string>> = {},
): Promise<ApiServer> {
  const api = await startApiServer(testConfig(database.url, emulator.url, env));
  emulator.addWebhookEndpoint(`${api.url}/webhooks/stripe`, EMULATOR_WEBHOOK_SECRET);
  return api;
}

export interface TestApi {
  database: TestDatabase;
  emulator: StripeEmulator;
  api: ApiServer;
  /** A client with no cookie. */
  anonymous: ApiClient;
  customer: (name?: string) => Promise<TestUser>;
  mechanic: (name?: string) => Promise<TestUser>;
  operator: (name?: string) => Promise<TestUser>;
}

type TestEnv = Partial<Record<keyof ApiConfigInput, string>>;

/**
 * For a test file: its own database, a Stripe emulator and one API instance,
 * started before the first test and stopped after the last. `env` may be a
 * function, read when the API starts (e.g. the URL of a server started by an
 * earlier `beforeAll`).
 */
export function useTestApi(env: TestEnv | (() => TestEnv) = {}): TestApi {
  const database = useTestDatabase();
  let current: Omit<TestApi, 'database'> | undefined;
  beforeAll(async () => {
    const emulator = await startStripeEmulator({ retry: { attempts: 5, baseDelayMs: 50 } });
    const api = await startTestApi(database, emulator, typeof env === 'function' ? env() : env);
    current = {
      emulator,
      api,
      anonymous: createApiClient(api.url),
      customer: (name) => signUpCustomer(api.url, name),
      mechanic: (name) => signInNewMechanic(api.url, database.db, name),
      operator: (name) => signInNewAccount(api.url, database.db, 'operator', name),
    };
  });
  afterAll(async () => {
    await current?.api.close();
    await current?.emulator.close();
  });
  return new Proxy({} as TestApi, {
    get: (_, key) => {
      if (key === 'database') return database;
      if (!current) throw new Error('useTestApi(): the API runs only inside tests and hooks');
      return current[key as keyof typeof current];
    },
  });
}
