import { createAccount, type AppRouter } from '@autodoctor/api';
import { grantCredits } from '@autodoctor/session-core';
import type { BrowserContext, Page } from '@playwright/test';
import { createTRPCClient, httpLink } from '@trpc/client';
import { randomUUID } from 'node:crypto';
import superjson from 'superjson';
import { productDatabase } from './database.ts';
import { productState } from './product-state.ts';

export const TEST_PASSWORD = 'a long test password';

/** A signed-in test account. */
export interface TestAccount {
  userId: string;
  name: string;
  email: string;
}

/** A unique email for one test's account. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.autodoctor.test`;
}

/**
 * A new customer signed in inside `context`, through the customer app's own
 * sign-up endpoint then its sign-in (sign-up signs nobody in), so the browser
 * holds its real cookie, with some credits.
 */
export async function signedInCustomer(
  context: BrowserContext,
  options: { name?: string; credits?: number } = {},
): Promise<TestAccount> {
  const { customerUrl } = productState();
  const name = options.name ?? 'Casey Driver';
  const email = uniqueEmail('customer');
  const response = await context.request.post(`${customerUrl}/api/auth/sign-up/email`, {
    data: { name, email, password: TEST_PASSWORD },
    headers: { origin: customerUrl },
  });
  if (!response.ok()) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  const signIn = await context.request.post(`${customerUrl}/api/auth/sign-in/email`, {
    data: { email, password: TEST_PASSWORD },
    headers: { origin: customerUrl },
  });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  const { user } = (await signIn.json()) as { user: { id: string } };
  if (options.credits) await grantCredits(productDatabase(), user.id, options.credits);
  return { userId: user.id, name, email };
}

/**
 * A new mechanic signed in inside `context` through the mechanic app's own
 * sign-in endpoint (so the browser holds its real cookie), for journeys that
 * drive the mechanic app itself.
 */
export async function signedInMechanicBrowser(
  context: BrowserContext,
  name = 'Morgan Wrench',
): Promise<TestAccount> {
  const { mechanicUrl } = productState();
  const email = uniqueEmail('mechanic');
  const { userId } = await createAccount(productDatabase(), {
    email,
    name,
    password: TEST_PASSWORD,
    role: 'mechanic',
  });
  const response = await context.request.post(`${mechanicUrl}/api/auth/sign-in/email`, {
    data: { email, password: TEST_PASSWORD },
    headers: { origin: mechanicUrl },
  });
  if (!response.ok())
    throw new Error(`mechanic sign-in failed: ${response.status()} ${await response.text()}`);
  return { userId, name, email };
}

/**
 * A new operator account (as `pnpm operator:create` makes one), not signed in: journeys of the
 * console sign in through its form.
 */
export async function newOperator(name = 'Olive Operator'): Promise<TestAccount> {
  const email = uniqueEmail('operator');
  const { userId } = await createAccount(productDatabase(), {
    email,
    name,
    password: TEST_PASSWORD,
    role: 'operator',
  });
  return { userId, name, email };
}

/** Signs `operator` in through the operations console's own form, landing on its analytics. */
export async function signInToConsole(page: Page, operator: TestAccount): Promise<void> {
  await page.goto(productState().opsUrl);
  await page.getByLabel('Email').fill(operator.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
}

/** A new mechanic account and a typed API client signed in as them (as the mechanic app would be). */
export async function signedInMechanic(name = 'Morgan Wrench') {
  const { mechanicUrl } = productState();
  const email = uniqueEmail('mechanic');
  const { userId } = await createAccount(productDatabase(), {
    email,
    name,
    password: TEST_PASSWORD,
    role: 'mechanic',
  });
  const client = await signedInClient(mechanicUrl, { email, password: TEST_PASSWORD });
  return { userId, name, email, client };
}

/**
 * A new customer (signed up through the customer app, then signed in: sign-up signs nobody in)
 * and a typed API client signed in as them.
 */
export async function signedUpCustomerClient(name = 'Casey Driver') {
  const { customerUrl } = productState();
  const email = uniqueEmail('customer');
  const signUp = await fetch(`${customerUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: customerUrl },
    body: JSON.stringify({ name, email, password: TEST_PASSWORD }),
  });
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const client = await signedInClient(customerUrl, { email, password: TEST_PASSWORD });
  return { name, email, client };
}

/** Signs in through an app's own origin and returns a tRPC client holding that cookie. */
async function signedInClient(appUrl: string, body: { email: string; password: string }) {
  const response = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${appUrl}/trpc`,
        transformer: superjson,
        headers: () => ({ cookie, origin: appUrl }),
      }),
    ],
  });
}
