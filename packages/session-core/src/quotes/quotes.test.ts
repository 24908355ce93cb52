import { mechanicEarnings, postgresErrorOf, sessions, type Database } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import {
  InvalidSessionInputError,
  NotAParticipantError,
  QuoteClosedError,
  QuoteExpiredError,
  QuoteLinesMismatchError,
  QuoteNotADraftError,
  QuoteNotFoundError,
  SessionNotFoundError,
  SessionNotQuotableError,
} from '../errors.ts';
import { readSessionEvents } from '../feed/read-session-events.ts';
import { quoteBonusCents } from '../rules/earnings.ts';
import type { QuoteDraftInput } from '../rules/quotes.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';
import { decideQuote } from './decide-quote.ts';
import { expireQuotes } from './expire-quotes.ts';
import { listOpenQuotes, listSessionQuotes } from './quote-view.ts';
import { deleteQuoteDraft, reviseQuote, saveQuoteDraft, sendQuote, withdrawQuote } from './quote-writes.ts';

const database = useTestDatabase({ max: 20 });

/** A session a mechanic accepted and started: quotable. */
async function liveSession(db: Database) {
  const customer = await createCustomer(db);
  const mechanic = await createMechanic(db);
  const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
  await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  await startSession(db, { sessionId: session.id, actorUserId: mechanic });
  return { customer, mechanic, sessionId: session.id };
}

const THREE_LINES: QuoteDraftInput = {
  taxRateBps: 825,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street, Springfield',
  note: 'Parts in stock',
  lines: [
    { kind: 'labour', description: 'Replace front pads', quantityMilli: 1500, unitPriceCents: 9_500 },
    { kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4_550 },
    { kind: 'part', description: 'Brake fluid', quantityMilli: 1000, unitPriceCents: 1_999 },
  ],
};

/** A live session and a sent 3-line quote of it. */
async function sentQuote(db: Database, quote: QuoteDraftInput = THREE_LINES) {
  const world = await liveSession(db);
  const draft = await saveQuoteDraft(db, {
    mechanicUserId: world.mechanic,
    sessionId: world.sessionId,
    quote,
  });
  const sent = await sendQuote(db, { mechanicUserId: world.mechanic, quoteId: draft.id });
  return { ...world, quote: sent };
}

const decideAll = (quote: { lines: { id: string }[] }, approved: (index: number) => boolean) =>
  quote.lines.map((line, index) => ({ lineId: line.id, approved: approved(index) }));

/** Moves a sent version's valid-until into the past (the immutability trigger set aside for it). */
async function backdate(db: Database, quoteId: string) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE quotes DISABLE TRIGGER trg_quotes_sent_immutable`);
    await tx.execute(sql`UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE id = ${quoteId}`);
    await tx.execute(sql`ALTER TABLE quotes ENABLE TRIGGER trg_quotes_sent_immutable`);
  });
}

/** What a refused call must leave as it was. */
async function quoteState(db: Database, sessionId: string) {
  const [row] = await db.execute<Record<string, string>>(sql`
    SELECT
      (SELECT string_agg(q::text, ',' ORDER BY q.id) FROM quotes q WHERE q.session_id = ${sessionId}) AS quotes,
      (SELECT string_agg(l::text, ',' ORDER BY l.id) FROM quote_lines l JOIN quotes q ON q.id = l.quote_id
        WHERE q.session_id = ${sessionId}) AS lines,
      (SELECT count(*) FROM quote_decisions d JOIN quotes q ON q.id = d.quote_id WHERE q.session_id = ${sessionId}) AS decisions,
      (SELECT count(*) FROM quote_line_decisions d JOIN quotes q ON q.id = d.quote_id WHERE q.session_id = ${sessionId}) AS line_decisions,
      (SELECT count(*) FROM mechanic_earnings WHERE session_id = ${sessionId}) AS earnings,
      (SELECT count(*) FROM session_events WHERE session_id = ${sessionId}) AS events`);
  return row;
}

async function expectRefusedUnchanged(
  db: Database,
  sessionId: string,
  call: () => Promise<unknown>,
  error: new (...args: never[]) => Error,
) {
  const before = await quoteState(db, sessionId);
  await expect(call()).rejects.toBeInstanceOf(error);
  expect(await quoteState(db, sessionId)).toEqual(before);
}

const bonusLinesOf = (db: Database, quoteId: string) =>
  db.select().from(mechanicEarnings).where(eq(mechanicEarnings.quoteId, quoteId));

describe('writing and sending a quote', () => {
  it('saves a draft with every amount computed, sends it with a quote_sent event that keeps the status', async () => {
    const { db } = database;
    const { mechanic, customer, sessionId } = await liveSession(db);
    const draft = await saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId, quote: THREE_LINES });
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      seriesId: draft.id,
      sessionId,
      currency: 'usd',
      subtotalCents: 14_250 + 9_100 + 1_999,
      taxCents: 1_176 + 751 + 165,
      totalCents: 15_426 + 9_851 + 2_164,
      sentAt: null,
      decision: null,
      vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' },
    });
    expect(draft.lines.map((l) => [l.position, l.totalCents, l.approved])).toEqual([
      [1, 15_426, null],
      [2, 9_851, null],
      [3, 2_164, null],
    ]);
    // The customer sees no draft.
    expect(await listSessionQuotes(db, sessionId, { userId: customer, role: 'customer' })).toEqual([]);

    const sent = await sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id });
    expect(sent.status).toBe('sent');
    expect(sent.sentAt).toBeInstanceOf(Date);
    const events = await readSessionEvents(db, { sessionId });
    expect(events.at(-1)).toMatchObject({ type: 'quote_sent', from: undefined, to: 'live' });
    expect(await listSessionQuotes(db, sessionId, { userId: customer, role: 'customer' })).toEqual([sent]);
    expect(await listOpenQuotes(db, customer)).toEqual([sent]);
  });

  it('edits a draft (lines replaced), deletes a draft, and never edits a sent version', async () => {
    const { db } = database;
    const { mechanic, sessionId } = await liveSession(db);
    const draft = await saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId, quote: THREE_LINES });
    const edited = await saveQuoteDraft(db, {
      mechanicUserId: mechanic,
      sessionId,
      quoteId: draft.id,
      quote: { ...THREE_LINES, taxRateBps: 0, lines: THREE_LINES.lines.slice(0, 1) },
    });
    expect(edited).toMatchObject({ id: draft.id, totalCents: 14_250, taxCents: 0 });
    expect(edited.lines).toHaveLength(1);
    await sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id });
    await expectRefusedUnchanged(
      db,
      sessionId,
      () =>
        saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId, quoteId: draft.id, quote: THREE_LINES }),
      QuoteNotADraftError,
    );
    await expectRefusedUnchanged(
      db,
      sessionId,
      () => deleteQuoteDraft(db, { mechanicUserId: mechanic, quoteId: draft.id }),
      QuoteNotADraftError,
    );
    const other = await saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId, quote: THREE_LINES });
    expect(await deleteQuoteDraft(db, { mechanicUserId: mechanic, quoteId: other.id })).toEqual({
      deleted: true,
    });
    expect(
      (await listSessionQuotes(db, sessionId, { userId: mechanic, role: 'mechanic' })).map((q) => q.id),
    ).toEqual([draft.id]);
  });

  it('lets the trigger keep a sent version and its lines as they are', async () => {
    const { db } = database;
    const { quote } = await sentQuote(db);
    const refusal = (statement: ReturnType<typeof sql>) =>
      db.execute(statement).then(
        () => 'changed',
        (error: unknown) => postgresErrorOf(error)?.message,
      );
    expect(await refusal(sql`UPDATE quotes SET total_cents = 1 WHERE id = ${quote.id}`)).toMatch(
      /cannot change/,
    );
    expect(
      await refusal(sql`UPDATE quote_lines SET unit_price_cents = 1 WHERE quote_id = ${quote.id}`),
    ).toMatch(/cannot change/);
    expect(await refusal(sql`DELETE FROM quote_lines WHERE quote_id = ${quote.id}`)).toMatch(/cannot change/);
    // Its status still moves on.
    expect(
      await refusal(sql`UPDATE quotes SET status = 'withdrawn', closed_at = now() WHERE id = ${quote.id}`),
    ).toBe('changed');
  });

  it('refuses a session that is not the mechanic’s, not live, ended over 14 days ago, or unknown', async () => {
    const { db } = database;
    const { mechanic, sessionId } = await liveSession(db);
    const stranger = await createMechanic(db);
    const save = (mechanicUserId: string, id = sessionId) =>
      saveQuoteDraft(db, { mechanicUserId, sessionId: id, quote: THREE_LINES });
    await expectRefusedUnchanged(db, sessionId, () => save(stranger), SessionNotQuotableError);
    await expect(save(mechanic, randomUUID())).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(save(mechanic, 'not-a-uuid')).rejects.toBeInstanceOf(SessionNotFoundError);

    // A queued session (no mechanic yet).
    const customer = await createCustomer(db);
    const queued = await createSessionRecord(db, sessionInput('free', customer));
    await expectRefusedUnchanged(
      db,
      queued.session.id,
      () => save(mechanic, queued.session.id),
      SessionNotQuotableError,
    );

    // Ended: quotable for 14 days, then no more.
    await endSession(db, { sessionId, actorUserId: mechanic });
    const draft = await save(mechanic);
    await db
      .update(sessions)
      // Started before it ended: the live-period index (tstzrange) refuses an end before the start.
      .set({
        startedAt: sql`now() - interval '15 days 30 minutes'`,
        endedAt: sql`now() - interval '15 days'`,
      })
      .where(eq(sessions.id, sessionId));
    await expectRefusedUnchanged(db, sessionId, () => save(mechanic), SessionNotQuotableError);
    await expectRefusedUnchanged(
      db,
      sessionId,
      () => sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id }),
      SessionNotQuotableError,
    );
  });

  it('refuses bad input with the fields named, writing nothing', async () => {
    const { db } = database;
    const { mechanic, sessionId } = await liveSession(db);
    const cases: [string, QuoteDraftInput][] = [
      ['quote.lines', { ...THREE_LINES, lines: [] }],
      [
        'quote.lines.0.quantityMilli',
        { ...THREE_LINES, lines: [{ ...THREE_LINES.lines[0]!, quantityMilli: -1 }] },
      ],
      [
        'quote.lines.0.unitPriceCents',
        { ...THREE_LINES, lines: [{ ...THREE_LINES.lines[0]!, unitPriceCents: 1e12 }] },
      ],
      ['quote.taxRateBps', { ...THREE_LINES, taxRateBps: 100_000 }],
    ];
    for (const [path, quote] of cases) {
      const before = await quoteState(db, sessionId);
      const error = await saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId, quote }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidSessionInputError);
      expect((error as InvalidSessionInputError).issues.map((i) => i.path)).toContain(path);
      expect(await quoteState(db, sessionId)).toEqual(before);
    }
  });

  it('sends only a total above zero', async () => {
    const { db } = database;
    const { mechanic, sessionId } = await liveSession(db);
    const draft = await saveQuoteDraft(db, {
      mechanicUserId: mechanic,
      sessionId,
      quote: {
        ...THREE_LINES,
        lines: [
          { kind: 'part', description: 'Pads', quantityMilli: 1000, unitPriceCents: 1_000 },
          { kind: 'discount', description: 'Goodwill', quantityMilli: 1000, unitPriceCents: 1_000 },
        ],
      },
    });
    expect(draft.totalCents).toBe(0);
    await expectRefusedUnchanged(
      db,
      sessionId,
      () => sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id }),
      InvalidSessionInputError,
    );
  });
});

describe('deciding a quote', () => {
  it('approves two of three lines: decision, line decisions, the 5 % bonus line and the event, together', async () => {
    const { db } = database;
    const { customer, mechanic, sessionId, quote } = await sentQuote(db);
    const decided = await decideQuote(db, {
      customerUserId: customer,
      quoteId: quote.id,
      decisions: decideAll(quote, (i) => i < 2),
      signatureName: '  Ada Lovelace ',
      clientAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (test)',
    });
    const approvedTotal = 15_426 + 9_851;
    expect(decided).toMatchObject({
      status: 'approved',
      decision: { signatureName: 'Ada Lovelace', approvedTotalCents: approvedTotal },
    });
    expect(decided.closedAt).toBeInstanceOf(Date);
    expect(decided.lines.map((l) => l.approved)).toEqual([true, true, false]);
    const [row] = await db.execute<{ client_address: string; user_agent: string; customer_user_id: string }>(
      sql`SELECT client_address, user_agent, customer_user_id FROM quote_decisions WHERE quote_id = ${quote.id}`,
    );
    expect(row).toEqual({
      client_address: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (test)',
      customer_user_id: customer,
    });
    expect(await bonusLinesOf(db, quote.id)).toMatchObject([
      {
        mechanicUserId: mechanic,
        kind: 'quote_bonus',
        amountCents: quoteBonusCents(approvedTotal),
        currency: 'usd',
        sessionId,
        basisCents: approvedTotal,
        rateBps: 500,
      },
    ]);
    expect(quoteBonusCents(approvedTotal)).toBe(1_264); // 252.77 × 5 % = 12.6385 → 12.64
    const events = await readSessionEvents(db, { sessionId });
    expect(events.at(-1)).toMatchObject({ type: 'quote_approved', actorUserId: customer, to: 'live' });
    expect(await listOpenQuotes(db, customer)).toEqual([]);
  });

  it('declines every line: declined, no bonus line', async () => {
    const { db } = database;
    const { customer, sessionId, quote } = await sentQuote(db);
    const decided = await decideQuote(db, {
      customerUserId: customer,
      quoteId: quote.id,
      decisions: decideAll(quote, () => false),
      signatureName: 'Ada Lovelace',
    });
    expect(decided).toMatchObject({ status: 'declined', decision: { approvedTotalCents: 0 } });
    expect(await bonusLinesOf(db, quote.id)).toEqual([]);
    expect((await readSessionEvents(db, { sessionId })).at(-1)?.type).toBe('quote_declined');
  });

  it('lets exactly one of many concurrent approvals decide, with one bonus line', async () => {
    const { db } = database;
    const { customer, quote } = await sentQuote(db);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) =>
        decideQuote(db, {
          customerUserId: customer,
          quoteId: quote.id,
          decisions: decideAll(quote, (i) => i <= n % 3),
          signatureName: 'Ada Lovelace',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect(lost.reason).toBeInstanceOf(QuoteClosedError);
    }
    const [decisions] = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM quote_decisions WHERE quote_id = ${quote.id}`,
    );
    expect(decisions!.n).toBe(1);
    const bonus = await bonusLinesOf(db, quote.id);
    expect(bonus).toHaveLength(1);
    expect(bonus[0]!.amountCents).toBe(quoteBonusCents(won[0]!.value.decision!.approvedTotalCents));
  });

  it('commits the approval and its bonus together: a bonus that cannot be written undoes the approval', async () => {
    const { db } = database;
    const { customer, mechanic, sessionId, quote } = await sentQuote(db);
    // A bonus line for this quote already: the approval's own bonus breaks the unique index.
    await db.insert(mechanicEarnings).values({
      mechanicUserId: mechanic,
      kind: 'quote_bonus',
      amountCents: 1,
      currency: 'usd',
      quoteId: quote.id,
      rateBps: 500,
    });
    const before = await quoteState(db, sessionId);
    await expect(
      decideQuote(db, {
        customerUserId: customer,
        quoteId: quote.id,
        decisions: decideAll(quote, () => true),
        signatureName: 'Ada Lovelace',
      }),
    ).rejects.toThrow();
    expect(await quoteState(db, sessionId)).toEqual(before);
    const [view] = await listSessionQuotes(db, sessionId, { userId: customer, role: 'customer' });
    expect(view).toMatchObject({ status: 'sent', decision: null });
  });

  it('refuses another customer’s quote, a missing, foreign or repeated line, a bad signature, a negative total', async () => {
    const { db } = database;
    const { customer, sessionId, quote } = await sentQuote(db);
    const other = await sentQuote(db);
    const decide = (over: Partial<Parameters<typeof decideQuote>[1]>) => () =>
      decideQuote(db, {
        customerUserId: customer,
        quoteId: quote.id,
        decisions: decideAll(quote, () => true),
        signatureName: 'Ada Lovelace',
        ...over,
      });
    const all = decideAll(quote, () => true);
    await expectRefusedUnchanged(
      db,
      sessionId,
      decide({ customerUserId: other.customer }),
      QuoteNotFoundError,
    );
    await expectRefusedUnchanged(db, sessionId, decide({ quoteId: randomUUID() }), QuoteNotFoundError);
    await expectRefusedUnchanged(db, sessionId, decide({ decisions: all.slice(1) }), QuoteLinesMismatchError);
    await expectRefusedUnchanged(
      db,
      sessionId,
      decide({ decisions: [...all.slice(1), { lineId: other.quote.lines[0]!.id, approved: true }] }),
      QuoteLinesMismatchError,
    );
    await expectRefusedUnchanged(
      db,
      sessionId,
      decide({ decisions: [...all.slice(1), all[1]!] }),
      QuoteLinesMismatchError,
    );
    await expectRefusedUnchanged(
      db,
      sessionId,
      decide({ decisions: [...all, all[0]!] }),
      QuoteLinesMismatchError,
    );
    await expectRefusedUnchanged(db, sessionId, decide({ signatureName: ' A ' }), InvalidSessionInputError);
    // The mechanic is not the customer.
    await expectRefusedUnchanged(
      db,
      sessionId,
      decide({ customerUserId: other.mechanic }),
      QuoteNotFoundError,
    );

    // A discount approved without what it discounts: below zero.
    const discounted = await sentQuote(db, {
      ...THREE_LINES,
      lines: [
        { kind: 'part', description: 'Pads', quantityMilli: 1000, unitPriceCents: 5_000 },
        { kind: 'discount', description: 'Goodwill', quantityMilli: 1000, unitPriceCents: 1_000 },
      ],
    });
    const error = await decideQuote(db, {
      customerUserId: discounted.customer,
      quoteId: discounted.quote.id,
      decisions: decideAll(discounted.quote, (i) => i === 1),
      signatureName: 'Ada Lovelace',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSessionInputError);
    expect((error as InvalidSessionInputError).issues[0]!.path).toBe('decisions');
  });

  it('refuses an expired version (before and after the job marks it), and a withdrawn one', async () => {
    const { db } = database;
    const { customer, mechanic, sessionId, quote } = await sentQuote(db);
    await backdate(db, quote.id);
    const [seen] = await listSessionQuotes(db, sessionId, { userId: customer, role: 'customer' });
    expect(seen).toMatchObject({ status: 'expired' });
    expect(await listOpenQuotes(db, customer)).toEqual([]);
    const decide = () =>
      decideQuote(db, {
        customerUserId: customer,
        quoteId: quote.id,
        decisions: decideAll(quote, () => true),
        signatureName: 'Ada Lovelace',
      });
    await expectRefusedUnchanged(db, sessionId, decide, QuoteExpiredError);
    await expectRefusedUnchanged(
      db,
      sessionId,
      () => withdrawQuote(db, { mechanicUserId: mechanic, quoteId: quote.id }),
      QuoteExpiredError,
    );
    expect(await expireQuotes(db)).toBeGreaterThanOrEqual(1);
    expect(await expireQuotes(db)).toBe(0);
    await expectRefusedUnchanged(db, sessionId, decide, QuoteExpiredError);

    const second = await sentQuote(db);
    const withdrawn = await withdrawQuote(db, { mechanicUserId: second.mechanic, quoteId: second.quote.id });
    expect(withdrawn.status).toBe('withdrawn');
    expect((await readSessionEvents(db, { sessionId: second.sessionId })).at(-1)?.type).toBe(
      'quote_withdrawn',
    );
    await expectRefusedUnchanged(
      db,
      second.sessionId,
      () =>
        decideQuote(db, {
          customerUserId: second.customer,
          quoteId: second.quote.id,
          decisions: decideAll(second.quote, () => true),
          signatureName: 'Ada Lovelace',
        }),
      QuoteClosedError,
    );
  });
});

describe('revising a quote', () => {
  it('keeps the sent version approvable until the revision is sent, then supersedes it', async () => {
    const { db } = database;
    const { customer, mechanic, sessionId, quote } = await sentQuote(db);
    const revision = await reviseQuote(db, { mechanicUserId: mechanic, quoteId: quote.id });
    expect(revision).toMatchObject({
      status: 'draft',
      version: 2,
      seriesId: quote.seriesId,
      totalCents: quote.totalCents,
    });
    expect(revision.lines.map((l) => l.description)).toEqual(quote.lines.map((l) => l.description));
    // Revising again gives the same draft.
    expect((await reviseQuote(db, { mechanicUserId: mechanic, quoteId: quote.id })).id).toBe(revision.id);
    expect(await listOpenQuotes(db, customer)).toMatchObject([{ id: quote.id }]);

    await saveQuoteDraft(db, {
      mechanicUserId: mechanic,
      sessionId,
      quoteId: revision.id,
      quote: { ...THREE_LINES, lines: THREE_LINES.lines.slice(0, 2) },
    });
    await sendQuote(db, { mechanicUserId: mechanic, quoteId: revision.id });
    const versions = await listSessionQuotes(db, sessionId, { userId: customer, role: 'customer' });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'sent'],
      [1, 'superseded'],
    ]);
    await expectRefusedUnchanged(
      db,
      sessionId,
      () =>
        decideQuote(db, {
          customerUserId: customer,
          quoteId: quote.id,
          decisions: decideAll(quote, () => true),
          signatureName: 'Ada Lovelace',
        }),
      QuoteClosedError,
    );
    await expectRefusedUnchanged(
      db,
      sessionId,
      () => reviseQuote(db, { mechanicUserId: mechanic, quoteId: quote.id }),
      QuoteClosedError,
    );
  });

  it('lets a revision being sent and an approval of the old version race: one order or the other, never both', async () => {
    const { db } = database;
    for (let round = 0; round < 5; round++) {
      const { customer, mechanic, quote } = await sentQuote(db);
      const revision = await reviseQuote(db, { mechanicUserId: mechanic, quoteId: quote.id });
      const [sent, approval] = await Promise.allSettled([
        sendQuote(db, { mechanicUserId: mechanic, quoteId: revision.id }),
        decideQuote(db, {
          customerUserId: customer,
          quoteId: quote.id,
          decisions: decideAll(quote, () => true),
          signatureName: 'Ada Lovelace',
        }),
      ]);
      expect(sent.status).toBe('fulfilled');
      const [old] = await db.execute<{ status: string }>(
        sql`SELECT status FROM quotes WHERE id = ${quote.id}`,
      );
      const bonus = await bonusLinesOf(db, quote.id);
      if (approval.status === 'fulfilled') {
        expect([old!.status, bonus.length]).toEqual(['approved', 1]);
      } else {
        expect(approval.reason).toBeInstanceOf(QuoteClosedError);
        expect([old!.status, bonus.length]).toEqual(['superseded', 0]);
      }
    }
  });

  it('makes one draft of many concurrent revisions', async () => {
    const { db } = database;
    const { mechanic, quote } = await sentQuote(db);
    const revisions = await Promise.all(
      Array.from({ length: 6 }, () => reviseQuote(db, { mechanicUserId: mechanic, quoteId: quote.id })),
    );
    expect(new Set(revisions.map((r) => r.id)).size).toBe(1);
    expect(revisions[0]!.version).toBe(2);
  });

  it('lets only the quote’s mechanic revise, withdraw or delete', async () => {
    const { db } = database;
    const { sessionId, quote } = await sentQuote(db);
    const stranger = await createMechanic(db);
    for (const call of [reviseQuote, withdrawQuote, deleteQuoteDraft, sendQuote]) {
      await expectRefusedUnchanged(
        db,
        sessionId,
        () => call(db, { mechanicUserId: stranger, quoteId: quote.id }),
        QuoteNotFoundError,
      );
    }
  });
});

describe('reading quotes', () => {
  it('shows a session’s quotes to its participants only', async () => {
    const { db } = database;
    const { sessionId, customer } = await sentQuote(db);
    const strangers = [
      { userId: await createCustomer(db), role: 'customer' as const },
      { userId: await createMechanic(db), role: 'mechanic' as const },
      { userId: customer, role: 'mechanic' as const },
    ];
    for (const reader of strangers) {
      await expect(listSessionQuotes(db, sessionId, reader)).rejects.toBeInstanceOf(NotAParticipantError);
    }
    await expect(listSessionQuotes(db, randomUUID(), strangers[0]!)).rejects.toBeInstanceOf(
      SessionNotFoundError,
    );
  });
});
