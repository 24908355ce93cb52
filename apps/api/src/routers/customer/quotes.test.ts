import { quoteBonusCents } from '@autodoctor/session-core';
import type { QuoteDraftInput } from '@autodoctor/session-core/rules';
import { sql } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QuoteFeedEvent, SessionFeedEvent } from '../../router.ts';
import type { TestUser } from '../../testing/accounts.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { FeedRecorder, type Tracked } from '../../testing/feed-recorder.ts';
import { intake, summary } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

const QUOTE: QuoteDraftInput = {
  taxRateBps: 825,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street, Springfield',
  lines: [
    { kind: 'labour', description: 'Replace front pads', quantityMilli: 1500, unitPriceCents: 9_500 },
    { kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4_550 },
    { kind: 'part', description: 'Brake fluid', quantityMilli: 1000, unitPriceCents: 1_999 },
  ],
};

/** A customer's session, accepted and started by a mechanic (ended too, when asked). */
async function liveSession(options: { ended?: boolean } = {}) {
  const customer = await t.customer('Ada Lovelace');
  const mechanic = await t.mechanic('Grace Hopper');
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  const sessionId = result.session.id;
  const { entries } = await mechanic.client.mechanic.queue.query();
  const entry = entries.find((e) => e.sessionId === sessionId)!;
  await mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
  await mechanic.client.mechanic.startSession.mutate({ sessionId });
  if (options.ended) await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
  return { customer, mechanic, sessionId };
}

async function sentQuote(options: { ended?: boolean } = {}) {
  const world = await liveSession(options);
  const draft = await world.mechanic.client.mechanic.saveQuoteDraft.mutate({
    sessionId: world.sessionId,
    quote: QUOTE,
  });
  const quote = await world.mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
  return { ...world, quote };
}

const allLines = (quote: { lines: { id: string }[] }, approved: (index: number) => boolean) =>
  quote.lines.map((line, index) => ({ lineId: line.id, approved: approved(index) }));

/** A refused call: its error, and nothing written. */
async function refused(
  call: () => Promise<unknown>,
  code: Parameters<typeof expectTRPCError>[1],
  appCode: string | null,
) {
  const before = await dbSnapshot(t.database.db);
  await expectTRPCError(call(), code, { appCode });
  expect(await dbSnapshot(t.database.db)).toEqual(before);
}

async function backdate(quoteId: string) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE quotes DISABLE TRIGGER trg_quotes_sent_immutable`);
    await tx.execute(sql`UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE id = ${quoteId}`);
    await tx.execute(sql`ALTER TABLE quotes ENABLE TRIGGER trg_quotes_sent_immutable`);
  });
}

describe('a quote from the session page to the decision', () => {
  it('reaches the customer live, is decided line by line with a signature, and pays the mechanic 5 %', async () => {
    const { customer, mechanic, sessionId } = await liveSession();
    const feed = new FeedRecorder<Tracked<SessionFeedEvent>>(customer.client.session.feed, { sessionId });
    const quoteFeed = new FeedRecorder<Tracked<QuoteFeedEvent>>(
      customer.client.customer.quoteFeed,
      undefined,
    );
    const mechanicFeed = new FeedRecorder<Tracked<SessionFeedEvent>>(mechanic.client.session.feed, {
      sessionId,
    });
    await Promise.all([feed.started(), quoteFeed.started(), mechanicFeed.started()]);

    const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: QUOTE });
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      totalCents: 27_441,
      mechanicName: 'Grace Hopper',
    });
    expect(await customer.client.customer.sessionQuotes.query({ sessionId })).toEqual([]);
    const sent = await mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
    expect(sent.validUntil).toBeInstanceOf(Date);

    const arrived = await feed.find((e) => e.data.type === 'quote_sent');
    expect(arrived.data).toMatchObject({ sessionId, status: 'live' });
    expect((await quoteFeed.find((e) => e.data.type === 'quote_sent')).data).toEqual({
      sessionId,
      quoteId: sent.id,
      type: 'quote_sent',
    });
    expect(await customer.client.customer.sessionQuotes.query({ sessionId })).toEqual([sent]);
    expect(await customer.client.customer.openQuotes.query()).toEqual([sent]);

    // The customer's browser: its user agent is recorded with the decision.
    const browser = createApiClient(t.api.url, customer.cookie, { 'user-agent': 'QuoteTestBrowser/1.0' });
    const decided = await browser.customer.decideQuote.mutate({
      quoteId: sent.id,
      decisions: allLines(sent, (i) => i < 2),
      signatureName: 'Ada Lovelace',
    });
    expect(decided).toMatchObject({
      status: 'approved',
      decision: { signatureName: 'Ada Lovelace', approvedTotalCents: 15_426 + 9_851 },
    });
    const [record] = await t.database.sql<{ client_address: string | null; user_agent: string | null }[]>`
      SELECT client_address, user_agent FROM quote_decisions WHERE quote_id = ${sent.id}`;
    expect(record).toEqual({
      client_address: expect.stringMatching(/127\.0\.0\.1/),
      user_agent: 'QuoteTestBrowser/1.0',
    });
    const [bonus] = await t.database.sql<{ amount_cents: number; mechanic_user_id: string }[]>`
      SELECT amount_cents, mechanic_user_id FROM mechanic_earnings WHERE quote_id = ${sent.id} AND kind = 'quote_bonus'`;
    expect(bonus).toEqual({
      amount_cents: quoteBonusCents(15_426 + 9_851),
      mechanic_user_id: mechanic.userId,
    });

    // The mechanic sees the decision live.
    expect((await mechanicFeed.find((e) => e.data.type === 'quote_approved')).data).toMatchObject({
      status: 'live',
    });
    const [seen] = await mechanic.client.mechanic.sessionQuotes.query({ sessionId });
    expect(seen!.lines.map((l) => l.approved)).toEqual([true, true, false]);
    expect((await quoteFeed.find((e) => e.data.type === 'quote_approved')).data.quoteId).toBe(sent.id);
    expect(await customer.client.customer.openQuotes.query()).toEqual([]);
    for (const f of [feed, quoteFeed, mechanicFeed]) f.stop();
  });

  it('gives a customer’s quote feed only their own sessions’ quote events', async () => {
    const mine = await liveSession();
    const feed = new FeedRecorder<Tracked<QuoteFeedEvent>>(
      mine.customer.client.customer.quoteFeed,
      undefined,
    );
    await feed.started();
    const theirs = await sentQuote();
    await theirs.mechanic.client.mechanic.withdrawQuote.mutate({ quoteId: theirs.quote.id });
    // The sentinel: my own quote, sent after theirs.
    const draft = await mine.mechanic.client.mechanic.saveQuoteDraft.mutate({
      sessionId: mine.sessionId,
      quote: QUOTE,
    });
    await mine.mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
    await feed.find((e) => e.data.quoteId === draft.id);
    feed.stop();
    expect(feed.received.map((e) => e.data)).toEqual([
      { sessionId: mine.sessionId, quoteId: draft.id, type: 'quote_sent' },
    ]);
  });

  it('revises: the new version supersedes the old when sent, both stay readable', async () => {
    const { customer, mechanic, sessionId, quote } = await sentQuote();
    const revision = await mechanic.client.mechanic.reviseQuote.mutate({ quoteId: quote.id });
    expect(revision).toMatchObject({ status: 'draft', version: 2, seriesId: quote.seriesId });
    await mechanic.client.mechanic.sendQuote.mutate({ quoteId: revision.id });
    const versions = await customer.client.customer.sessionQuotes.query({ sessionId });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'sent'],
      [1, 'superseded'],
    ]);
    await refused(
      () =>
        customer.client.customer.decideQuote.mutate({
          quoteId: quote.id,
          decisions: allLines(quote, () => true),
          signatureName: 'Ada Lovelace',
        }),
      'CONFLICT',
      'QUOTE_CLOSED',
    );
  });

  it('withdraws a sent version and deletes a draft', async () => {
    const { mechanic, sessionId, quote } = await sentQuote();
    expect(await mechanic.client.mechanic.withdrawQuote.mutate({ quoteId: quote.id })).toMatchObject({
      status: 'withdrawn',
    });
    const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: QUOTE });
    expect(await mechanic.client.mechanic.deleteQuoteDraft.mutate({ quoteId: draft.id })).toEqual({
      deleted: true,
    });
    expect((await mechanic.client.mechanic.sessionQuotes.query({ sessionId })).map((q) => q.id)).toEqual([
      quote.id,
    ]);
  });

  it('quotes an ended session too (within 14 days)', async () => {
    const { quote } = await sentQuote({ ended: true });
    expect(quote.status).toBe('sent');
  });
});

describe('refusals: a typed 4xx, nothing written', () => {
  it('refuses a mechanic quoting a session that is not theirs, or none', async () => {
    const { sessionId } = await liveSession();
    const stranger = await t.mechanic();
    await refused(
      () => stranger.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: QUOTE }),
      'FORBIDDEN',
      'SESSION_NOT_QUOTABLE',
    );
    await refused(
      () => stranger.client.mechanic.saveQuoteDraft.mutate({ sessionId: randomUUID(), quote: QUOTE }),
      'NOT_FOUND',
      'SESSION_NOT_FOUND',
    );
    await refused(
      () => stranger.client.mechanic.sessionQuotes.query({ sessionId }),
      'FORBIDDEN',
      'NOT_A_PARTICIPANT',
    );
  });

  it('refuses a quote with no lines, absurd quantities or prices, a past valid-until', async () => {
    const { mechanic, sessionId } = await liveSession();
    const line = QUOTE.lines[0]!;
    for (const quote of [
      { ...QUOTE, lines: [] },
      { ...QUOTE, lines: [{ ...line, quantityMilli: -1500 }] },
      { ...QUOTE, lines: [{ ...line, quantityMilli: 10 ** 9 }] },
      { ...QUOTE, lines: [{ ...line, unitPriceCents: -1 }] },
      { ...QUOTE, lines: [{ ...line, unitPriceCents: 10 ** 12 }] },
      { ...QUOTE, taxRateBps: -5 },
      { ...QUOTE, validUntil: new Date(Date.now() - 60_000) },
    ]) {
      await refused(
        () => mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote }),
        'BAD_REQUEST',
        null,
      );
    }
  });

  it('refuses moves a version’s state does not allow', async () => {
    const { customer, mechanic, quote } = await sentQuote();
    const m = mechanic.client.mechanic;
    await refused(() => m.sendQuote.mutate({ quoteId: quote.id }), 'CONFLICT', 'QUOTE_NOT_A_DRAFT');
    await refused(() => m.deleteQuoteDraft.mutate({ quoteId: quote.id }), 'CONFLICT', 'QUOTE_NOT_A_DRAFT');
    await refused(
      () => m.saveQuoteDraft.mutate({ sessionId: quote.sessionId, quoteId: quote.id, quote: QUOTE }),
      'CONFLICT',
      'QUOTE_NOT_A_DRAFT',
    );
    await refused(() => m.sendQuote.mutate({ quoteId: randomUUID() }), 'NOT_FOUND', 'QUOTE_NOT_FOUND');
    await customer.client.customer.decideQuote.mutate({
      quoteId: quote.id,
      decisions: allLines(quote, () => true),
      signatureName: 'Ada Lovelace',
    });
    await refused(() => m.reviseQuote.mutate({ quoteId: quote.id }), 'CONFLICT', 'QUOTE_CLOSED');
    await refused(() => m.withdrawQuote.mutate({ quoteId: quote.id }), 'CONFLICT', 'QUOTE_CLOSED');
  });

  it('refuses another customer’s quote, a line not in it, an expired version, a bad signature', async () => {
    const { customer, quote } = await sentQuote();
    const other = await sentQuote();
    const decide =
      (who: TestUser, input: Partial<Parameters<typeof customer.client.customer.decideQuote.mutate>[0]>) =>
      () =>
        who.client.customer.decideQuote.mutate({
          quoteId: quote.id,
          decisions: allLines(quote, () => true),
          signatureName: 'Ada Lovelace',
          ...input,
        });
    await refused(decide(other.customer, {}), 'NOT_FOUND', 'QUOTE_NOT_FOUND');
    await refused(
      decide(customer, {
        decisions: [
          ...allLines(quote, () => true).slice(1),
          { lineId: other.quote.lines[0]!.id, approved: true },
        ],
      }),
      'BAD_REQUEST',
      'QUOTE_LINES_MISMATCH',
    );
    await refused(
      decide(customer, { decisions: allLines(quote, () => true).slice(1) }),
      'BAD_REQUEST',
      'QUOTE_LINES_MISMATCH',
    );
    await refused(decide(customer, { signatureName: 'A' }), 'BAD_REQUEST', null);
    await refused(decide(customer, { decisions: [] }), 'BAD_REQUEST', null);
    await backdate(quote.id);
    await refused(decide(customer, {}), 'CONFLICT', 'QUOTE_EXPIRED');
    expect(
      (await customer.client.customer.sessionQuotes.query({ sessionId: quote.sessionId }))[0]!.status,
    ).toBe('expired');
  });

  it('lets one of two approvals at the same moment decide, with one bonus line', async () => {
    const { customer, quote } = await sentQuote();
    const results = await Promise.allSettled(
      [0, 1].map(() =>
        customer.client.customer.decideQuote.mutate({
          quoteId: quote.id,
          decisions: allLines(quote, () => true),
          signatureName: 'Ada Lovelace',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected')!;
    await expectTRPCError(Promise.reject(lost.reason), 'CONFLICT', { appCode: 'QUOTE_CLOSED' });
    const rows = await t.database.sql`SELECT 1 FROM mechanic_earnings WHERE quote_id = ${quote.id}`;
    expect(rows).toHaveLength(1);
  });
});
