import { sessions } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';
import { waitFor } from '../../testing/wait-for.ts';

const t = useTestApi();

describe('customer.receipts and customer.receipt', () => {
  it("list a customer's card payments and credit purchases, and show each to that customer only", async () => {
    const customer = await t.customer();
    const other = await t.customer();
    const pack = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    await t.emulator.pay(pack.checkoutSessionId);
    const paid = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
    if (paid.kind !== 'checkout') throw new Error('expected a checkout');
    await t.emulator.pay(paid.checkoutSessionId);
    const session = await waitFor(async () => {
      const [row] = await t.database.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.stripeCheckoutSessionId, paid.checkoutSessionId));
      return row;
    }, 'the paid session');
    const page = await waitFor(async () => {
      const found = await customer.client.customer.receipts.query({ limit: 10 });
      return found.items.length === 2 ? found : undefined;
    }, 'both receipts');

    expect(page.nextCursor).toBeNull();
    const card = page.items.find((receipt) => receipt.kind === 'card_payment')!;
    const credits = page.items.find((receipt) => receipt.kind === 'credit_purchase')!;
    expect(card).toMatchObject({
      id: session.id,
      amountCents: 2900,
      currency: 'usd',
      paymentReference: paid.checkoutSessionId,
      refundedAt: null,
    });
    expect(credits).toMatchObject({
      credits: 3,
      paymentReference: pack.checkoutSessionId,
      description: '3 credits',
    });
    expect(await customer.client.customer.receipt.query({ kind: 'card_payment', id: session.id })).toEqual(
      card,
    );

    // Another customer, or the wrong kind: as if it did not exist. A mechanic: not for them.
    await expectTRPCError(
      other.client.customer.receipt.query({ kind: 'card_payment', id: session.id }),
      'NOT_FOUND',
      {
        appCode: 'RECEIPT_NOT_FOUND',
      },
    );
    await expectTRPCError(
      customer.client.customer.receipt.query({ kind: 'credit_purchase', id: session.id }),
      'NOT_FOUND',
      { appCode: 'RECEIPT_NOT_FOUND' },
    );
    expect((await other.client.customer.receipts.query({ limit: 10 })).items).toEqual([]);
    const mechanic = await t.mechanic();
    await expectTRPCError(mechanic.client.customer.receipts.query({ limit: 10 }), 'FORBIDDEN');
    await expectTRPCError(
      customer.client.customer.receipt.query({ kind: 'invoice' as 'card_payment', id: session.id }),
      'BAD_REQUEST',
    );
  });
});
