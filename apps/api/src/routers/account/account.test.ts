import { notificationOptOuts } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

const optOutsOf = (userId: string) =>
  t.database.db
    .select({ channel: notificationOptOuts.channel, kind: notificationOptOuts.kind })
    .from(notificationOptOuts)
    .where(eq(notificationOptOuts.userId, userId));

describe('account.notificationPreferences', () => {
  it("lists the switches of the caller's role, all on at first", async () => {
    const customer = await t.customer();
    expect(await customer.client.account.notificationPreferences.query()).toEqual({
      email: [
        { kind: 'session_accepted', enabled: true },
        { kind: 'session_live', enabled: true },
        { kind: 'session_ended', enabled: true },
        { kind: 'quote_sent', enabled: true },
      ],
      push: [],
    });
    const mechanic = await t.mechanic();
    expect(await mechanic.client.account.notificationPreferences.query()).toEqual({
      email: [{ kind: 'quote_approved', enabled: true }],
      push: [
        { kind: 'new_session', enabled: true },
        { kind: 'quote_decided', enabled: true },
      ],
    });
  });
});

describe('account.setNotificationPreference', () => {
  it('turns one kind off and on again for the caller only, idempotently', async () => {
    const customer = await t.customer();
    const other = await t.customer();
    for (let i = 0; i < 2; i++) {
      await customer.client.account.setNotificationPreference.mutate({
        channel: 'email',
        kind: 'session_live',
        enabled: false,
      });
    }
    expect(await optOutsOf(customer.userId)).toEqual([{ channel: 'email', kind: 'session_live' }]);
    expect(await optOutsOf(other.userId)).toEqual([]);
    const { email } = await customer.client.account.notificationPreferences.query();
    expect(email.find((entry) => entry.kind === 'session_live')).toEqual({
      kind: 'session_live',
      enabled: false,
    });

    await customer.client.account.setNotificationPreference.mutate({
      channel: 'email',
      kind: 'session_live',
      enabled: true,
    });
    expect(await optOutsOf(customer.userId)).toEqual([]);
  });

  it("turns a mechanic's push kind off", async () => {
    const mechanic = await t.mechanic();
    await mechanic.client.account.setNotificationPreference.mutate({
      channel: 'push',
      kind: 'new_session',
      enabled: false,
    });
    expect((await mechanic.client.account.notificationPreferences.query()).push).toEqual([
      { kind: 'new_session', enabled: false },
      { kind: 'quote_decided', enabled: true },
    ]);
  });

  it('refuses to turn off security email and receipts (NOTIFICATION_REQUIRED), changing nothing', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    for (const kind of [
      'reset_password',
      'verify_email',
      'session_refund',
      'credit_purchase_receipt',
    ] as const) {
      await expectTRPCError(
        customer.client.account.setNotificationPreference.mutate({ channel: 'email', kind, enabled: false }),
        'BAD_REQUEST',
        { appCode: 'NOTIFICATION_REQUIRED' },
      );
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    expect(await optOutsOf(customer.userId)).toEqual([]);
  });

  it('refuses an unknown kind or channel and a signed-out caller', async () => {
    const customer = await t.customer();
    await expectTRPCError(
      customer.client.account.setNotificationPreference.mutate({
        channel: 'email',
        kind: 'new_session' as 'session_live',
        enabled: false,
      }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      customer.client.account.setNotificationPreference.mutate({
        channel: 'sms' as 'email',
        kind: 'session_live',
        enabled: false,
      }),
      'BAD_REQUEST',
    );
    await expectTRPCError(t.anonymous.account.notificationPreferences.query(), 'UNAUTHORIZED');
    expect(await optOutsOf(customer.userId)).toEqual([]);
  });
});
