import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';
import { waitFor } from '../../testing/wait-for.ts';

const t = useTestApi();

async function startCheckout(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  return result;
}

describe('customer.checkoutStatus', () => {
  it('is awaiting_payment, then session_created with the session, then refunded once it is cancelled', async () => {
    const customer = await t.customer();
    const checkout = await startCheckout(customer);
    const query = () => customer.client.customer.checkoutStatus.query(checkout);
    expect(await query()).toEqual({ status: 'awaiting_payment', sessionId: null, refunded: false });

    await t.emulator.pay(checkout.checkoutSessionId);
    const created = await waitFor(async () => {
      const status = await query();
      return status.status === 'session_created' ? status : undefined;
    }, 'the paid session');
    const active = await customer.client.customer.activeSession.query();
    expect(created).toEqual({ status: 'session_created', sessionId: active!.id, refunded: false });

    await customer.client.customer.cancelSession.mutate({ sessionId: active!.id });
    expect(await waitFor(async () => ((await query()).refunded ? query() : undefined), 'the refund')).toEqual(
      { status: 'session_created', sessionId: active!.id, refunded: true },
    );
  });

  it('is not_created, refund owed then paid, when the payment completes while another session is active', async () => {
    const customer = await t.customer();
    const checkout = await startCheckout(customer);
    await customer.client.intake.startSession.mutate(intake()); // a free one, meanwhile
    await t.emulator.pay(checkout.checkoutSessionId);
    const status = await waitFor(async () => {
      const current = await customer.client.customer.checkoutStatus.query(checkout);
      return current.status === 'not_created' && current.refunded ? current : undefined;
    }, 'the refund');
    expect(status).toEqual({ status: 'not_created', sessionId: null, refunded: true });
  });

  it("answers NOT_FOUND for somebody else's checkout, an unknown one, or a credit purchase's", async () => {
    const owner = await t.customer();
    const other = await t.customer();
    const checkout = await startCheckout(owner);
    await expectTRPCError(other.client.customer.checkoutStatus.query(checkout), 'NOT_FOUND', {
      appCode: 'CHECKOUT_NOT_FOUND',
    });
    await expectTRPCError(
      owner.client.customer.checkoutStatus.query({ checkoutSessionId: 'cs_test_unknown' }),
      'NOT_FOUND',
    );
    const credits = await other.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    await expectTRPCError(other.client.customer.checkoutStatus.query(credits), 'NOT_FOUND');
    const mechanic = await t.mechanic();
    await expectTRPCError(mechanic.client.customer.checkoutStatus.query(checkout), 'FORBIDDEN');
  });
});
