import { users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { grantCredits } from '@autodoctor/session-core';
import { describe, expect, it } from 'vitest';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

describe('intake.startSession', () => {
  it('starts a free session straight away, in the queue', async () => {
    const customer = await t.customer();
    const result = await customer.client.intake.startSession.mutate(
      intake({ vehicle: { year: 2015, make: 'Volkswagen', model: 'Golf', vin: 'wvwzzzauzfw123456' } }),
    );
    expect(result).toMatchObject({
      kind: 'session',
      session: {
        type: 'free',
        status: 'pending',
        vehicle: { year: 2015, make: 'Volkswagen', model: 'Golf', vin: 'WVWZZZAUZFW123456' },
        chargedCredits: 0,
      },
    });
    if (result.kind === 'session') expect(result.session.createdAt).toBeInstanceOf(Date);
  });

  it('starts a credit session and debits one credit', async () => {
    const customer = await t.customer();
    await grantCredits(t.database.db, customer.userId, 2);
    const result = await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
    expect(result).toMatchObject({ kind: 'session', session: { type: 'credit', chargedCredits: 1 } });
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 1 });
  });

  it('schedules a session with a future start', async () => {
    const customer = await t.customer();
    const scheduledFor = new Date(Date.now() + 24 * 3600_000);
    const result = await customer.client.intake.startSession.mutate(intake({ scheduledFor }));
    expect(result).toMatchObject({ kind: 'session', session: { status: 'scheduled', scheduledFor } });
  });

  it('answers CONFLICT (409) with the active session id, and changes nothing', async () => {
    const customer = await t.customer();
    const first = await customer.client.intake.startSession.mutate(intake());
    await grantCredits(t.database.db, customer.userId, 1);
    const before = await dbSnapshot(t.database.db);
    for (const type of ['free', 'credit', 'paid'] as const) {
      await expectTRPCError(customer.client.intake.startSession.mutate(intake({ type })), 'CONFLICT', {
        appCode: 'ACTIVE_SESSION_CONFLICT',
        activeSessionId: first.kind === 'session' ? first.session.id : null,
      });
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('answers CONFLICT without credits, and changes nothing', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(
      customer.client.intake.startSession.mutate(intake({ type: 'credit' })),
      'CONFLICT',
      {
        appCode: 'INSUFFICIENT_CREDITS',
      },
    );
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('answers BAD_REQUEST with the zod issues for an invalid intake', async () => {
    const customer = await t.customer();
    const data = await expectTRPCError(
      customer.client.intake.startSession.mutate(
        intake({ concern: 'short', scheduledFor: new Date(Date.now() - 60_000) }),
      ),
      'BAD_REQUEST',
    );
    const paths = (data.zodIssues as { path: string[] }[]).map((issue) => issue.path.join('.'));
    expect(paths.sort()).toEqual(['concern', 'scheduledFor']);
  });

  it('checks the check digit of a North American VIN: BAD_REQUEST with a clear message, nothing written', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    const data = await expectTRPCError(
      customer.client.intake.startSession.mutate(
        intake({ vehicle: { year: 2003, make: 'Honda', model: 'Accord', vin: '1HGCM82633A004353' } }),
      ),
      'BAD_REQUEST',
    );
    expect(JSON.stringify(data.zodIssues)).toContain('VIN check digit does not match: check for a typo');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    const ok = await customer.client.intake.startSession.mutate(
      intake({ vehicle: { year: 2003, make: 'Honda', model: 'Accord', vin: '1HGCM82633A004352' } }),
    );
    expect(ok).toMatchObject({ kind: 'session', session: { vehicle: { vin: '1HGCM82633A004352' } } });
  });

  it('is for signed-in customers only', async () => {
    await expectTRPCError(t.anonymous.intake.startSession.mutate(intake()), 'UNAUTHORIZED');
    const mechanic = await t.mechanic();
    await expectTRPCError(mechanic.client.intake.startSession.mutate(intake()), 'FORBIDDEN');
  });
});

describe('sign-up', () => {
  it('always makes a customer, whatever role the request asks for', async () => {
    const response = await fetch(`${t.api.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.api.url },
      body: JSON.stringify({
        email: 'sneaky@test.autodoctor',
        password: 'long enough password',
        name: 'Sneaky',
        role: 'mechanic',
      }),
    });
    // better-auth ignores a field marked `input: false`: the account is made, as a customer.
    expect(response.status).toBe(200);
    const rows = await t.database.db
      .select({ role: users.role })
      .from(users)
      .where(eq(users.email, 'sneaky@test.autodoctor'));
    expect(rows).toEqual([{ role: 'customer' }]);
  });
});
