import { mechanicPresence } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { MECHANIC_PRESENCE } from '@autodoctor/session-core/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../server.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { startTestApi, useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

/** Moves a mechanic's last heartbeat back by `seconds`, as if their app had gone quiet. */
async function lastSeenAgo(mechanicUserId: string, seconds: number) {
  await t.database.db
    .update(mechanicPresence)
    .set({ lastSeenAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(mechanicPresence.mechanicUserId, mechanicUserId));
}

describe('mechanic.availability, setAvailability and heartbeat', () => {
  it('start offline, switch on and off; heartbeats keep a mechanic as they switched', async () => {
    const mechanic = await t.mechanic();
    const m = mechanic.client.mechanic;
    expect(await m.availability.query()).toEqual({ online: false, lastSeenAt: null });
    expect(await m.heartbeat.mutate()).toEqual({ online: false, lastSeenAt: null });

    const on = await m.setAvailability.mutate({ online: true });
    expect(on.online).toBe(true);
    expect(on.lastSeenAt).toBeInstanceOf(Date);
    expect(await m.availability.query()).toEqual(on);
    const beat = await m.heartbeat.mutate();
    expect(beat.online).toBe(true);
    expect(beat.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(on.lastSeenAt!.getTime());

    expect((await m.setAvailability.mutate({ online: false })).online).toBe(false);
    expect((await m.heartbeat.mutate()).online).toBe(false);
    expect((await m.availability.query()).online).toBe(false);
  });

  it('reads a stale heartbeat as offline, and customers see mechanicsOnline drop', async () => {
    const customer = await t.customer();
    const started = await customer.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    const sessionId = started.session.id;
    const counts = async () => ({
      options: (await customer.client.intake.options.query()).mechanicsOnline,
      queue: (await customer.client.customer.queueStatus.query({ sessionId })).mechanicsOnline,
    });
    const before = await counts();
    expect(before.options).toBe(before.queue);

    const mechanic = await t.mechanic();
    await mechanic.client.mechanic.setAvailability.mutate({ online: true });
    expect(await counts()).toEqual({ options: before.options + 1, queue: before.options + 1 });

    await lastSeenAgo(mechanic.userId, MECHANIC_PRESENCE.offlineAfterSeconds - 10);
    expect((await mechanic.client.mechanic.availability.query()).online).toBe(true);
    await lastSeenAgo(mechanic.userId, MECHANIC_PRESENCE.offlineAfterSeconds + 1);
    const stale = await mechanic.client.mechanic.availability.query();
    expect(stale.online).toBe(false);
    expect(stale.lastSeenAt).toBeInstanceOf(Date);
    expect(await counts()).toEqual(before);

    // Switched on all along: the app's next heartbeat brings them back.
    expect((await mechanic.client.mechanic.heartbeat.mutate()).online).toBe(true);
    expect(await counts()).toEqual({ options: before.options + 1, queue: before.options + 1 });
    await mechanic.client.mechanic.setAvailability.mutate({ online: false });
    expect(await counts()).toEqual(before);
  });

  it('is for mechanics only', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(t.anonymous.mechanic.availability.query(), 'UNAUTHORIZED');
    await expectTRPCError(t.anonymous.mechanic.setAvailability.mutate({ online: true }), 'UNAUTHORIZED');
    await expectTRPCError(t.anonymous.mechanic.heartbeat.mutate(), 'UNAUTHORIZED');
    await expectTRPCError(customer.client.mechanic.availability.query(), 'FORBIDDEN');
    await expectTRPCError(customer.client.mechanic.setAvailability.mutate({ online: true }), 'FORBIDDEN');
    await expectTRPCError(customer.client.mechanic.heartbeat.mutate(), 'FORBIDDEN');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('refuses bad input with BAD_REQUEST and writes nothing', async () => {
    const mechanic = await t.mechanic();
    await mechanic.client.mechanic.setAvailability.mutate({ online: true });
    const before = await dbSnapshot(t.database.db);
    for (const input of [{}, { online: 'true' }, { online: 1 }, { online: null }, null, 'online', [true]]) {
      await expectTRPCError(mechanic.client.mechanic.setAvailability.mutate(input as never), 'BAD_REQUEST');
    }
    for (const input of [{}, { online: true }, 'beat', 0, null]) {
      await expectTRPCError(mechanic.client.mechanic.heartbeat.mutate(input as never), 'BAD_REQUEST');
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});

describe('presence across API instances', () => {
  let second: ApiServer;
  beforeAll(async () => {
    second = await startTestApi(t.database, t.emulator);
  });
  afterAll(async () => {
    await second.close();
  });

  it('is the same whichever instance answers: it is in the database', async () => {
    const mechanic = await t.mechanic();
    const customer = await t.customer();
    const onFirst = mechanic.client;
    const onSecond = createApiClient(second.url, mechanic.cookie);
    const customerOnSecond = createApiClient(second.url, customer.cookie);
    const before = (await customer.client.intake.options.query()).mechanicsOnline;

    const on = await onFirst.mechanic.setAvailability.mutate({ online: true });
    expect(await onSecond.mechanic.availability.query()).toEqual(on);
    expect((await customerOnSecond.intake.options.query()).mechanicsOnline).toBe(before + 1);

    const beat = await onSecond.mechanic.heartbeat.mutate();
    expect(await onFirst.mechanic.availability.query()).toEqual(beat);

    await onSecond.mechanic.setAvailability.mutate({ online: false });
    expect((await onFirst.mechanic.availability.query()).online).toBe(false);
    expect((await customer.client.intake.options.query()).mechanicsOnline).toBe(before);
  });
});
