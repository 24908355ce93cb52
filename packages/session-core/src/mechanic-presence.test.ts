import { mechanicPresence } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { MechanicNotFoundError } from './errors.ts';
import { recordMechanicHeartbeat, setMechanicAvailability } from './mechanic-presence.ts';
import { getIntakeOptions } from './queries/intake-options.ts';
import { countOnlineMechanics, getMechanicAvailability } from './queries/mechanic-presence.ts';
import { getQueueStatus } from './queries/queue-status.ts';
import { MECHANIC_PRESENCE } from './rules/presence.ts';
import { createCustomer, createMechanic, sessionInput } from './test-fixtures.ts';

const database = useTestDatabase();
const db = () => database.db;

/** Moves a mechanic's last heartbeat back by `seconds`. */
async function lastSeenAgo(mechanicUserId: string, seconds: number) {
  await db()
    .update(mechanicPresence)
    .set({ lastSeenAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(mechanicPresence.mechanicUserId, mechanicUserId));
}

describe('mechanic presence', () => {
  it('keeps a heartbeat well inside the offline timeout', () => {
    expect(MECHANIC_PRESENCE.heartbeatMs * 2).toBeLessThan(MECHANIC_PRESENCE.offlineAfterSeconds * 1000);
  });

  it('is offline with no lastSeenAt for a mechanic who never switched', async () => {
    const mechanic = await createMechanic(db());
    expect(await getMechanicAvailability(db(), mechanic)).toEqual({ online: false, lastSeenAt: null });
    // A heartbeat switches nobody on, and writes no row.
    expect(await recordMechanicHeartbeat(db(), mechanic)).toEqual({ online: false, lastSeenAt: null });
    expect(
      await db().select().from(mechanicPresence).where(eq(mechanicPresence.mechanicUserId, mechanic)),
    ).toEqual([]);
  });

  it('switches on and off; a switched-off mechanic stays off through heartbeats', async () => {
    const before = await countOnlineMechanics(db());
    const mechanic = await createMechanic(db());
    const on = await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: true });
    expect(on.online).toBe(true);
    expect(on.lastSeenAt).toBeInstanceOf(Date);
    expect(await getMechanicAvailability(db(), mechanic)).toEqual(on);
    expect(await countOnlineMechanics(db())).toBe(before + 1);

    const off = await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: false });
    expect(off.online).toBe(false);
    expect(await countOnlineMechanics(db())).toBe(before);
    await lastSeenAgo(mechanic, 30);
    const beat = await recordMechanicHeartbeat(db(), mechanic);
    expect(beat.online).toBe(false);
    expect(beat.lastSeenAt!.getTime()).toBeGreaterThan(off.lastSeenAt!.getTime() - 1000);
    expect(await countOnlineMechanics(db())).toBe(before);
  });

  it('reads a stale heartbeat as offline, and a fresh one brings the mechanic back', async () => {
    const mechanic = await createMechanic(db());
    await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: true });
    const online = await countOnlineMechanics(db());
    await lastSeenAgo(mechanic, MECHANIC_PRESENCE.offlineAfterSeconds - 5);
    expect((await getMechanicAvailability(db(), mechanic)).online).toBe(true);
    await lastSeenAgo(mechanic, MECHANIC_PRESENCE.offlineAfterSeconds + 1);
    const stale = await getMechanicAvailability(db(), mechanic);
    expect(stale.online).toBe(false);
    expect(stale.lastSeenAt).toBeInstanceOf(Date);
    expect(await countOnlineMechanics(db())).toBe(online - 1);
    // Still switched on: the next heartbeat counts again.
    expect((await recordMechanicHeartbeat(db(), mechanic)).online).toBe(true);
    expect(await countOnlineMechanics(db())).toBe(online);
  });

  it('records when the switch changed, not every heartbeat', async () => {
    const mechanic = await createMechanic(db());
    await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: true });
    await db()
      .update(mechanicPresence)
      .set({ changedAt: sql`now() - interval '1 hour'` })
      .where(eq(mechanicPresence.mechanicUserId, mechanic));
    await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: true });
    await recordMechanicHeartbeat(db(), mechanic);
    const [kept] = await db()
      .select()
      .from(mechanicPresence)
      .where(eq(mechanicPresence.mechanicUserId, mechanic));
    expect(Date.now() - kept!.changedAt.getTime()).toBeGreaterThan(3_000_000);
    await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: false });
    const [changed] = await db()
      .select()
      .from(mechanicPresence)
      .where(eq(mechanicPresence.mechanicUserId, mechanic));
    expect(changed!.changedAt.getTime()).toBe(changed!.lastSeenAt.getTime());
  });

  it('refuses customers and unknown users, writing nothing', async () => {
    const customer = await createCustomer(db());
    for (const mechanicUserId of [customer, randomUUID()]) {
      await expect(setMechanicAvailability(db(), { mechanicUserId, online: true })).rejects.toBeInstanceOf(
        MechanicNotFoundError,
      );
    }
    expect(
      await db().select().from(mechanicPresence).where(eq(mechanicPresence.mechanicUserId, customer)),
    ).toEqual([]);
  });

  it('shows customers the count in the intake options and the queue status', async () => {
    const customer = await createCustomer(db());
    const { session } = await createSessionRecord(db(), sessionInput('free', customer));
    const mechanic = await createMechanic(db());
    await setMechanicAvailability(db(), { mechanicUserId: mechanic, online: true });
    const count = await countOnlineMechanics(db());
    expect(count).toBeGreaterThanOrEqual(1);
    expect((await getIntakeOptions(db(), customer)).mechanicsOnline).toBe(count);
    const reader = { userId: customer, role: 'customer' as const };
    expect((await getQueueStatus(db(), session.id, reader)).mechanicsOnline).toBe(count);
    await lastSeenAgo(mechanic, MECHANIC_PRESENCE.offlineAfterSeconds + 1);
    expect((await getIntakeOptions(db(), customer)).mechanicsOnline).toBe(count - 1);
    expect((await getQueueStatus(db(), session.id, reader)).mechanicsOnline).toBe(count - 1);
  });
});
