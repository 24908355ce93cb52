import { authAccounts, mechanicPresence, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { recordPayout } from '../earnings/payouts.ts';
import { setMechanicAvailability } from '../mechanic-presence.ts';
import { MECHANIC_PRESENCE } from '../rules/presence.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { listMechanicRoster } from './mechanic-roster.ts';

const database = useTestDatabase();
const db = () => database.db;

/** A mechanic who has chosen a password (a `credential` login), named so the roster sorts them. */
async function mechanicWithLogin(name: string): Promise<string> {
  const id = await createMechanic(db());
  await db().update(users).set({ name }).where(eq(users.id, id));
  await db()
    .insert(authAccounts)
    .values({ id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: 'x' });
  return id;
}

describe('listMechanicRoster', () => {
  it('says where each mechanic is now, with what they are owed, by name', async () => {
    const busy = await mechanicWithLogin('Ada Busy');
    const online = await mechanicWithLogin('Ben Online');
    const stale = await mechanicWithLogin('Cy Stale');
    const offline = await mechanicWithLogin('Di Offline');
    const invited = await createMechanic(db());
    await db().update(users).set({ name: 'Ed Invited' }).where(eq(users.id, invited));

    const customer = await createCustomer(db());
    const { session, assignment } = await createSessionRecord(db(), sessionInput('free', customer));
    await acceptAssignment(db(), { assignmentId: assignment.id, mechanicUserId: busy });
    await setMechanicAvailability(db(), { mechanicUserId: busy, online: true });
    await setMechanicAvailability(db(), { mechanicUserId: online, online: true });
    await setMechanicAvailability(db(), { mechanicUserId: stale, online: true });
    // Switched on, but the app stopped sending heartbeats: offline by itself.
    await db()
      .update(mechanicPresence)
      .set({
        lastSeenAt: sql`now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds + 1})`,
      })
      .where(eq(mechanicPresence.mechanicUserId, stale));
    await recordPayout(db(), {
      mechanicUserId: online,
      amountCents: 1000,
      reference: 'T-1',
      recordedBy: 'test',
    });

    const roster = (await listMechanicRoster(db())).filter((entry) =>
      [busy, online, stale, offline, invited].includes(entry.id),
    );
    expect(
      roster.map(({ name, status, activeSessionId, balanceCents }) => ({
        name,
        status,
        activeSessionId,
        balanceCents,
      })),
    ).toEqual([
      { name: 'Ada Busy', status: 'busy', activeSessionId: session.id, balanceCents: 0 },
      { name: 'Ben Online', status: 'online', activeSessionId: null, balanceCents: -1000 },
      { name: 'Cy Stale', status: 'offline', activeSessionId: null, balanceCents: 0 },
      { name: 'Di Offline', status: 'offline', activeSessionId: null, balanceCents: 0 },
      { name: 'Ed Invited', status: 'invited', activeSessionId: null, balanceCents: 0 },
    ]);
    expect(roster[1]!.lastSeenAt).toBeInstanceOf(Date);
    expect(roster[3]!.lastSeenAt).toBeNull();
  });

  it('lists mechanics only, never a deleted one', async () => {
    const gone = await mechanicWithLogin('Zed Gone');
    await db().update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone));
    const customer = await createCustomer(db());
    const ids = (await listMechanicRoster(db())).map((entry) => entry.id);
    expect(ids).not.toContain(gone);
    expect(ids).not.toContain(customer);
  });
});
