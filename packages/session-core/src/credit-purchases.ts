import { creditLedger, creditPurchases, customerCredits, users, type Database } from '@autodoctor/db';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { CreditPurchaseNotFoundError, InvalidSessionInputError } from './errors.ts';
import { isUuid } from './ids.ts';
import { enqueueMail } from './notifications/enqueue-mail.ts';
import { mailDedupeKey } from './notifications/session-mail.ts';
import { cursorKey, pageOf, type Page, type PageOptions } from './pagination.ts';
import { creditPackIdSchema, creditPackOf, type CreditPackId } from './rules/pricing.ts';

/** A row of `credit_purchases`. */
export type CreditPurchase = typeof creditPurchases.$inferSelect;

/**
 * Records that a customer sets out to buy a credit pack (status `pending`), at
 * the pack's price from `CREDIT_PACKS`. Its id goes to Stripe as the Checkout
 * Session's `client_reference_id`.
 *
 * @throws {InvalidSessionInputError} not a pack id
 */
export async function startCreditPurchase(
  db: Database,
  input: { customerUserId: string; packId: CreditPackId },
): Promise<CreditPurchase> {
  const packId = creditPackIdSchema.safeParse(input.packId);
  if (!packId.success) throw new InvalidSessionInputError([{ path: 'packId', message: 'Not a credit pack' }]);
  const pack = creditPackOf(packId.data);
  const [purchase] = await db
    .insert(creditPurchases)
    .values({
      customerUserId: input.customerUserId,
      packId: pack.id,
      credits: pack.credits,
      amountCents: pack.amountCents,
      currency: pack.currency,
    })
    .returning();
  return purchase!;
}

/** Names the Stripe Checkout Session opened for a purchase (only if none is named yet). */
export async function attachCreditPurchaseCheckout(
  db: Database,
  input: { creditPurchaseId: string; stripeCheckoutSessionId: string },
): Promise<void> {
  await db
    .update(creditPurchases)
    .set({ stripeCheckoutSessionId: input.stripeCheckoutSessionId })
    .where(
      and(eq(creditPurchases.id, input.creditPurchaseId), isNull(creditPurchases.stripeCheckoutSessionId)),
    );
}

/** What `completeCreditPurchase` did. */
export type CreditPurchaseCompletion =
  /** Credited now (the balance and the ledger gained the pack's credits). */
  | { outcome: 'credited'; purchase: CreditPurchase; balance: number }
  /** Credited before: nothing changed. */
  | { outcome: 'already_credited'; purchase: CreditPurchase }
  /** No pending or completed purchase with that id and checkout: nothing changed. */
  | { outcome: 'unknown' }
  /** Paid another amount or currency than the pack's price: nothing changed, the purchase stays pending. */
  | { outcome: 'amount_mismatch'; purchase: CreditPurchase };

/**
 * A paid credit pack: in one transaction the purchase becomes `completed` (all its
 * credits left to spend), the balance gains its credits, the ledger a `purchase` entry and the
 * outbox the customer's `credit_purchase_receipt`. Exactly once
 * however often and concurrently it is called: the purchase moves by a
 * conditional UPDATE (`WHERE status = 'pending'`, whose row lock makes a
 * concurrent call wait and then match nothing), and `uq_credit_ledger_purchase`
 * allows one ledger entry per purchase. A purchase already tied to another
 * checkout is not completed by this one, nor one paid with another amount or
 * currency than its price (`paid`, as Stripe reports it; currencies compared
 * case-insensitively).
 */
export async function completeCreditPurchase(
  db: Database,
  input: {
    creditPurchaseId: string;
    stripeCheckoutSessionId: string;
    paid: { amountCents: number; currency: string };
  },
): Promise<CreditPurchaseCompletion> {
  const { creditPurchaseId, stripeCheckoutSessionId, paid } = input;
  if (!isUuid(creditPurchaseId)) return { outcome: 'unknown' };
  const sameCheckout = or(
    isNull(creditPurchases.stripeCheckoutSessionId),
    eq(creditPurchases.stripeCheckoutSessionId, stripeCheckoutSessionId),
  );
  return db.transaction(async (tx) => {
    const [purchase] = await tx
      .update(creditPurchases)
      .set({
        status: 'completed',
        completedAt: sql`now()`,
        stripeCheckoutSessionId,
        // Its credits are unspent until debits take them (debitCredits, oldest pack first).
        creditsLeft: sql`${creditPurchases.credits}`,
      })
      .where(
        and(
          eq(creditPurchases.id, creditPurchaseId),
          eq(creditPurchases.status, 'pending'),
          sameCheckout,
          eq(creditPurchases.amountCents, paid.amountCents),
          eq(sql`lower(${creditPurchases.currency})`, paid.currency.toLowerCase()),
        ),
      )
      .returning();
    if (!purchase) {
      const [existing] = await tx
        .select()
        .from(creditPurchases)
        .where(and(eq(creditPurchases.id, creditPurchaseId), sameCheckout));
      if (!existing) return { outcome: 'unknown' };
      return existing.status === 'completed'
        ? { outcome: 'already_credited', purchase: existing }
        : { outcome: 'amount_mismatch', purchase: existing };
    }
    const [credits] = await tx
      .insert(customerCredits)
      .values({ customerUserId: purchase.customerUserId, balance: purchase.credits })
      .onConflictDoUpdate({
        target: customerCredits.customerUserId,
        set: { balance: sql`${customerCredits.balance} + ${purchase.credits}`, updatedAt: sql`now()` },
      })
      .returning({ balance: customerCredits.balance });
    await tx.insert(creditLedger).values({
      customerUserId: purchase.customerUserId,
      delta: purchase.credits,
      reason: 'purchase',
      creditPurchaseId: purchase.id,
    });
    const [customer] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, purchase.customerUserId));
    await enqueueMail(tx, {
      kind: 'credit_purchase_receipt',
      userId: purchase.customerUserId,
      dedupeKey: mailDedupeKey('credit_purchase_receipt', purchase.id, purchase.customerUserId),
      payload: {
        customerName: customer?.name ?? '',
        purchaseId: purchase.id,
        credits: purchase.credits,
        amountCents: purchase.amountCents,
        currency: purchase.currency,
        paidAt: (purchase.completedAt ?? new Date()).toISOString(),
        paymentReference: stripeCheckoutSessionId,
      },
    });
    return { outcome: 'credited', purchase, balance: credits!.balance };
  });
}

/** Whether a customer's credit purchase has been credited yet. */
export interface CreditPurchaseStatus {
  status: 'pending' | 'completed';
  packId: CreditPackId;
  credits: number;
}

/**
 * One of a customer's credit purchases, by its Stripe Checkout Session id.
 *
 * @throws {CreditPurchaseNotFoundError} none with that checkout, or it is somebody else's
 */
export async function getCreditPurchase(
  db: Database,
  customerUserId: string,
  stripeCheckoutSessionId: string,
): Promise<CreditPurchaseStatus> {
  const [purchase] = await db
    .select()
    .from(creditPurchases)
    .where(
      and(
        eq(creditPurchases.stripeCheckoutSessionId, stripeCheckoutSessionId),
        eq(creditPurchases.customerUserId, customerUserId),
      ),
    );
  if (!purchase) throw new CreditPurchaseNotFoundError(stripeCheckoutSessionId);
  return { status: purchase.status, packId: purchase.packId as CreditPackId, credits: purchase.credits };
}

/** One change of a customer's balance as the account page shows it. */
export interface CreditLedgerItem {
  id: number;
  delta: number;
  reason: (typeof creditLedger.$inferSelect)['reason'];
  sessionId: string | null;
  /** For a `purchase`: which purchase (its receipt), which pack, and what it cost. */
  creditPurchaseId: string | null;
  packId: CreditPackId | null;
  amountCents: number | null;
  createdAt: Date;
}

export type CreditLedgerPage = Page<CreditLedgerItem>;

// The cursor is the last entry's id: ledger ids only grow, so newest first is id descending.
const ledgerKey = ([id]: unknown[]) =>
  typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;

/** A customer's credit ledger, newest first, `limit` at a time (keyset pagination). */
export async function listCreditLedger(
  db: Database,
  customerUserId: string,
  options: PageOptions,
): Promise<CreditLedgerPage> {
  const before = cursorKey(options, ledgerKey);
  const rows = await db
    .select({
      id: creditLedger.id,
      delta: creditLedger.delta,
      reason: creditLedger.reason,
      sessionId: creditLedger.sessionId,
      creditPurchaseId: creditLedger.creditPurchaseId,
      packId: creditPurchases.packId,
      amountCents: creditPurchases.amountCents,
      createdAt: creditLedger.createdAt,
    })
    .from(creditLedger)
    .leftJoin(creditPurchases, eq(creditPurchases.id, creditLedger.creditPurchaseId))
    .where(
      and(
        eq(creditLedger.customerUserId, customerUserId),
        before === undefined ? undefined : lt(creditLedger.id, before),
      ),
    )
    .orderBy(desc(creditLedger.id))
    .limit(options.limit + 1);
  const items = rows.map((row) => ({ ...row, packId: row.packId as CreditPackId | null }));
  return pageOf(items, options.limit, (last) => [last.id]);
}
