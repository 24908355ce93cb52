// Builders shared by this package's tests.
import { randomUUID } from 'node:crypto';
import { sessions, users, type Database } from '@autodoctor/db';
import { eq, sql } from 'drizzle-orm';
import { grantCredits } from './credits.ts';
import type { CreateSessionInput } from './rules/intake.ts';

export async function createUser(db: Database, role: 'customer' | 'mechanic' | 'operator'): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(users)
    .values({ name: `${role} ${tag}`, email: `${role}-${tag}@example.test`, role })
    .returning({ id: users.id });
  return user!.id;
}

export async function createCustomer(db: Database, credits = 0): Promise<string> {
  const id = await createUser(db, 'customer');
  if (credits > 0) await grantCredits(db, id, credits);
  return id;
}

export const createMechanic = (db: Database) => createUser(db, 'mechanic');
export const createOperator = (db: Database) => createUser(db, 'operator');

export const intake = {
  vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' },
  concern: 'Check engine light came on after refuelling',
} as const;

/** Input for a session of `type`; paid sessions get a fresh checkout id. */
export function sessionInput(type: 'free' | 'credit' | 'paid', customerUserId: string): CreateSessionInput {
  if (type === 'paid') {
    return {
      type,
      customerUserId,
      ...intake,
      payment: { stripeCheckoutSessionId: `cs_test_${randomUUID()}` },
    };
  }
  return { type, customerUserId, ...intake };
}

/** Moves a session's clock back, as if it had been created `hours` ago. */
export async function ageSession(db: Database, sessionId: string, hours: number): Promise<void> {
  await db
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(mins => ${Math.round(hours * 60)})` })
    .where(eq(sessions.id, sessionId));
}
