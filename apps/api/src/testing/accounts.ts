import type { Database } from '@autodoctor/db';
import { randomUUID } from 'node:crypto';
import { createAccount } from '../auth/accounts.ts';
import { createApiClient, type ApiClient } from './api-client.ts';

/** A signed-in user of a test: who, their cookie and a client that sends it. */
export interface TestUser {
  userId: string;
  email: string;
  cookie: string;
  client: ApiClient;
}

const PASSWORD = 'correct horse battery';

async function authRequest(apiUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${apiUrl}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: apiUrl },
    body: JSON.stringify(body),
  });
}

function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  if (cookies.length === 0) throw new Error(`no session cookie (HTTP ${response.status})`);
  return cookies.join('; ');
}

/** Signs in through better-auth's public endpoint; throws unless it worked. */
export async function signIn(apiUrl: string, email: string, password = PASSWORD) {
  const response = await authRequest(apiUrl, '/sign-in/email', { email, password });
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${response.status} ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { userId: user.id, cookie: sessionCookie(response) };
}

/**
 * Signs up through better-auth's public endpoint, then signs in, as the customer app does
 * (sign-up itself signs nobody in: it answers an existing address as a new one).
 */
export async function signUpCustomer(apiUrl: string, name = 'Test Customer'): Promise<TestUser> {
  const email = `customer-${randomUUID()}@test.autodoctor`;
  const response = await authRequest(apiUrl, '/sign-up/email', { email, password: PASSWORD, name });
  if (!response.ok) throw new Error(`sign-up failed: HTTP ${response.status} ${await response.text()}`);
  const { userId, cookie } = await signIn(apiUrl, email);
  return { userId, email, cookie, client: createApiClient(apiUrl, cookie) };
}

/** The password every test account gets. */
export const TEST_PASSWORD = PASSWORD;

/** Makes a mechanic or an operator as the CLI does, then signs in through better-auth. */
export async function signInNewAccount(
  apiUrl: string,
  db: Database,
  role: 'mechanic' | 'operator',
  name = role === 'mechanic' ? 'Test Mechanic' : 'Test Operator',
): Promise<TestUser> {
  const email = `${role}-${randomUUID()}@test.autodoctor`;
  const { userId } = await createAccount(db, { email, name, password: PASSWORD, role });
  const response = await authRequest(apiUrl, '/sign-in/email', { email, password: PASSWORD });
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${response.status} ${await response.text()}`);
  const cookie = sessionCookie(response);
  return { userId, email, cookie, client: createApiClient(apiUrl, cookie) };
}

/** Makes a mechanic as the CLI does, then signs in through better-auth. */
export const signInNewMechanic = (apiUrl: string, db: Database, name?: string) =>
  signInNewAccount(apiUrl, db, 'mechanic', name);
