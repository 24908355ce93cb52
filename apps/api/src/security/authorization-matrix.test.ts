/**
 * Who may call what: every procedure of the router × anonymous, two customers
 * and two mechanics, against a world where each of them has something to lose
 * (A has a session X accepted, B has one waiting in the queue, both have an
 * ended one). Refused calls must give the exact tRPC code and change nothing
 * in the database. Then: no session.feed event and no queue event reaches
 * anyone who should not see it.
 */
import {
  grantCredits,
  queueEventFor,
  recordPayout,
  STATUS_AFTER_EVENT,
  type AppErrorCode,
  type SessionStatus,
} from '@autodoctor/session-core';
import { TRPCClientError } from '@trpc/client';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import webPush from 'web-push';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter, type AppRouter, type QueueFeedEvent, type SessionFeedEvent } from '../router.ts';
import { TEST_PASSWORD, type TestUser } from '../testing/accounts.ts';
import type { ApiClient } from '../testing/api-client.ts';
import { FeedRecorder, type Tracked } from '../testing/feed-recorder.ts';
import { summary, intake } from '../testing/fixtures.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import {
  callProcedure,
  clientProcedureOf,
  procedureInfo,
  type ProcedurePath,
} from '../testing/procedures.ts';
import { useTestApi } from '../testing/test-api.ts';

// Push on (no scheduler runs in tests: nothing is sent), so its procedures answer as in production.
const VAPID = webPush.generateVAPIDKeys();
const t = useTestApi({
  VAPID_PUBLIC_KEY: VAPID.publicKey,
  VAPID_PRIVATE_KEY: VAPID.privateKey,
  VAPID_SUBJECT: 'mailto:ops@autodoctor.test',
});

// ---------------------------------------------------------------------------
// Database snapshot: refused calls must leave every row as it was.
// ---------------------------------------------------------------------------

/** Every row of the tables a procedure may write, as digests. */
const snapshot = () => dbSnapshot(t.database.db);

// ---------------------------------------------------------------------------
// The world the matrix runs against.
// ---------------------------------------------------------------------------

const ACTORS = ['anonymous', 'A', 'B', 'X', 'Y', 'O'] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  users: Record<Exclude<Actor, 'anonymous'>, TestUser>;
  /** A's session, accepted by X and waiting for X to start it. */
  sA: string;
  aA: string;
  /** A's earlier session: X took it, ran it and ended it. */
  sA0: string;
  /** B's session, pending in the queue. */
  sB: string;
  aB: string;
  /** B's earlier session: Y took it, B ended it. */
  sB0: string;
  /** A credit pack A set out to buy (its Stripe checkout, not paid). */
  purchaseOfA: string;
  /** A credit pack A bought earlier (completed; its credits long spent): A's one receipt. */
  receiptOfA: string;
  /** The first event of the world (sA0 created): queueFeed replays what came after it. */
  firstEventId: string;
  /** A cursor of A's history (pointing into A's sessions). */
  cursorOfA: string;
  /** A session scheduled for tomorrow by S, a customer who is none of the actors. */
  sS: string;
  /** S's user id and email, which no mechanic may see. */
  identityOfS: string[];
  /** The first room entry (the accept's system line) of sA, sA0 and sB0. */
  entryOfA: string;
  entryOfA0: string;
  entryOfB0: string;
  /** X's quote of sA0, sent to A, its line ids, and X's draft of another quote of sA0. */
  qA0: string;
  linesOfA0: string[];
  dA0: string;
  /** Y's quote of sB0, sent to B, and its line ids. */
  qB0: string;
  linesOfB0: string[];
  /** The Web Push subscription of X's browser. */
  pushOfX: { endpoint: string; keys: { p256dh: string; auth: string } };
}

const clientOf = (world: World, actor: Actor): ApiClient =>
  actor === 'anonymous' ? t.anonymous : world.users[actor].client;

const tag = () => randomUUID().slice(0, 8);

async function openSession(customer: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await customer.client.intake.startSession.mutate(intake(overrides));
  if (result.kind !== 'session') throw new Error(`expected a session, got ${result.kind}`);
  return result.session.id;
}

async function assignmentOf(mechanic: TestUser, sessionId: string): Promise<string> {
  const { entries } = await mechanic.client.mechanic.queue.query();
  const entry = entries.find((e) => e.sessionId === sessionId);
  if (!entry) throw new Error(`session ${sessionId} is not in the queue`);
  return entry.assignmentId;
}

async function buildWorld(): Promise<World> {
  const A = await t.customer(`Alice ${tag()}`);
  const B = await t.customer(`Bob ${tag()}`);
  const X = await t.mechanic(`Xavier ${tag()}`);
  const Y = await t.mechanic(`Yolanda ${tag()}`);
  const O = await t.operator(`Olga ${tag()}`);
  await grantCredits(t.database.db, A.userId, 3);
  // B's free session goes to sB0 (one per customer): sB is paid with a credit.
  await grantCredits(t.database.db, B.userId, 1);

  const sA0 = await openSession(A);
  await X.client.mechanic.accept.mutate({ assignmentId: await assignmentOf(X, sA0) });
  await X.client.mechanic.startSession.mutate({ sessionId: sA0 });
  await X.client.mechanic.endSession.mutate({ sessionId: sA0, summary: summary() });

  const sB0 = await openSession(B);
  await Y.client.mechanic.accept.mutate({ assignmentId: await assignmentOf(Y, sB0) });
  await Y.client.mechanic.startSession.mutate({ sessionId: sB0 });
  await B.client.customer.endSession.mutate({ sessionId: sB0 });

  // Quotes of the ended sessions (within their 14 days): sent ones, and a draft only X sees.
  const sendQuote = async (mechanic: TestUser, sessionId: string) => {
    const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: QUOTE });
    return mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
  };
  const qA0 = await sendQuote(X, sA0);
  const qB0 = await sendQuote(Y, sB0);
  const dA0 = await X.client.mechanic.saveQuoteDraft.mutate({ sessionId: sA0, quote: QUOTE });

  const sA = await openSession(A, { type: 'credit' });
  const aA = await assignmentOf(X, sA);
  await X.client.mechanic.accept.mutate({ assignmentId: aA });

  const sB = await openSession(B, { type: 'credit' });
  const aB = await assignmentOf(Y, sB);

  const S = await t.customer(`Sam ${tag()}`);
  const sS = await openSession(S, { scheduledFor: new Date(Date.now() + 86_400_000) });
  // X is online (Y never switched on). Seen an hour ahead, so the long run below never sees X go stale.
  await X.client.mechanic.setAvailability.mutate({ online: true });
  const pushOfX = {
    endpoint: `https://fcm.googleapis.com/fcm/send/world-${tag()}`,
    keys: {
      p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  };
  await X.client.mechanic.subscribePush.mutate(pushOfX);
  await t.database.sql`
    UPDATE mechanic_presence SET last_seen_at = now() + interval '1 hour' WHERE mechanic_user_id = ${X.userId}`;

  const [first] = await t.database.sql<{ id: string }[]>`
    SELECT id::text AS id FROM session_events WHERE session_id = ${sA0} AND type = 'created'`;
  const firstEntry = async (sessionId: string) => {
    const [entry] = await t.database.sql<{ id: string }[]>`
      SELECT min(id)::text AS id FROM room_entries WHERE session_id = ${sessionId}`;
    return entry!.id;
  };
  // X has earnings (a payout) and a rating of sA0 from A: only X may read them.
  await recordPayout(t.database.db, {
    mechanicUserId: X.userId,
    amountCents: 500,
    reference: 'world-X',
    recordedBy: 'test',
  });
  await A.client.customer.rateSession.mutate({ sessionId: sA0, stars: 4, comment: 'world' });
  const page = await A.client.customer.history.query({ limit: 1 });
  const purchase = await A.client.customer.buyCredits.mutate({ packId: 'credits_3' });
  // Written directly, so A's balance and ledger stay as the rows below expect them.
  const [bought] = await t.database.sql<{ id: string }[]>`
    INSERT INTO credit_purchases (customer_user_id, pack_id, credits, amount_cents, currency, status,
                                  stripe_checkout_session_id, completed_at, credits_left)
    VALUES (${A.userId}, 'credits_3', 3, 7500, 'usd', 'completed', ${`cs_test_world_${tag()}`}, now(), 0)
    RETURNING id::text AS id`;
  return {
    pushOfX,
    users: { A, B, X, Y, O },
    purchaseOfA: purchase.checkoutSessionId,
    receiptOfA: bought!.id,
    sA,
    aA,
    sA0,
    sB,
    aB,
    sB0,
    firstEventId: first!.id,
    cursorOfA: page.nextCursor!,
    sS,
    identityOfS: [S.userId, S.email],
    entryOfA: await firstEntry(sA),
    entryOfA0: await firstEntry(sA0),
    entryOfB0: await firstEntry(sB0),
    qA0: qA0.id,
    linesOfA0: qA0.lines.map((l) => l.id),
    dA0: dA0.id,
    qB0: qB0.id,
    linesOfB0: qB0.lines.map((l) => l.id),
  };
}

// ---------------------------------------------------------------------------
// Every procedure, callable by name.
// ---------------------------------------------------------------------------

type Attempt = { ok: true; value: unknown } | { ok: false; error: unknown };

async function attempt(run: () => Promise<unknown>): Promise<Attempt> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Subscribes and settles with the first event (the stream was accepted) or
 * with the error it ends with (FeedRecorder.failure()); never on a timer.
 */
async function firstEventOrFailure(
  procedure: { subscribe: (...args: never[]) => unknown },
  input: unknown,
): Promise<Attempt> {
  const feed = new FeedRecorder<unknown>(procedure, input);
  try {
    return await Promise.race([
      feed.count(1).then((events): Attempt => ({ ok: true, value: events[0] })),
      feed.failure().then((error): Attempt => ({ ok: false, error })),
    ]);
  } catch (error) {
    return { ok: false, error };
  } finally {
    feed.stop();
  }
}

type Procedure = ProcedurePath;

/** Inputs every call of a procedure carries beside its target (the target names only what is under test). */
const WITH_EVERY_CALL: Partial<Record<Procedure, () => object>> = {
  'mechanic.endSession': () => ({ summary: summary() }),
};

/** Any procedure, by path: queries and mutations called, subscriptions followed to their first event. */
function callByPath(client: ApiClient, procedure: Procedure, target: unknown): Promise<Attempt> {
  const extra = WITH_EVERY_CALL[procedure];
  const input = extra ? { ...extra(), ...(target as object) } : target;
  if (procedureInfo(procedure).type === 'subscription') {
    return firstEventOrFailure(
      clientProcedureOf(client, procedure) as { subscribe: (...args: never[]) => unknown },
      input,
    );
  }
  return attempt(() => callProcedure(client, procedure, input));
}

// ---------------------------------------------------------------------------
// What each call is made with.
// ---------------------------------------------------------------------------

const UNKNOWN_SESSION = '5b0c3c1e-8a2f-4c3e-9d7a-1f2e3d4c5b6a';
const UNKNOWN_QUOTE = '3c9d1f2e-6a7b-4c8d-9e0f-112233445566';
const QUOTE = {
  taxRateBps: 0,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street',
  lines: [
    { kind: 'part' as const, description: 'Front brake pads', quantityMilli: 1000, unitPriceCents: 5_000 },
    { kind: 'labour' as const, description: 'Fitting', quantityMilli: 1000, unitPriceCents: 8_000 },
  ],
};
const approveAll = (quoteId: string, lineIds: string[]) => ({
  quoteId,
  decisions: lineIds.map((lineId) => ({ lineId, approved: true })),
  signatureName: 'Alice Customer',
});
const UNKNOWN_ASSIGNMENT = '7e4f2a10-3b5c-4d6e-8f70-a1b2c3d4e5f6';

const TARGETS = {
  none: () => undefined,
  intake: () => intake(),
  paidIntake: () => intake({ type: 'paid' }),
  history: () => ({ limit: 50 }),
  /** B pages on with a cursor taken from A's history. */
  historyFromCursorOfA: (w) => ({ limit: 50, cursor: w.cursorOfA }),
  queueFromStart: (w) => ({ lastEventId: w.firstEventId }),
  sA: (w) => ({ sessionId: w.sA }),
  sA0: (w) => ({ sessionId: w.sA0 }),
  sB: (w) => ({ sessionId: w.sB }),
  sB0: (w) => ({ sessionId: w.sB0 }),
  unknownSession: () => ({ sessionId: UNKNOWN_SESSION }),
  aA: (w) => ({ assignmentId: w.aA }),
  aB: (w) => ({ assignmentId: w.aB }),
  unknownAssignment: () => ({ assignmentId: UNKNOWN_ASSIGNMENT }),
  pack: () => ({ packId: 'credits_3' }),
  purchaseOfA: (w) => ({ checkoutSessionId: w.purchaseOfA }),
  unknownCheckout: () => ({ checkoutSessionId: 'cs_test_not_a_checkout_of_ours' }),
  switchOn: () => ({ online: true }),
  messageInA: (w) => ({
    sessionId: w.sA,
    clientMessageId: randomUUID(),
    body: 'Is the noise louder when cold?',
  }),
  messageInA0: (w) => ({ sessionId: w.sA0, clientMessageId: randomUUID(), body: 'One more thing' }),
  messageInB: (w) => ({ sessionId: w.sB, clientMessageId: randomUUID(), body: 'Anyone there?' }),
  messageInUnknown: () => ({ sessionId: UNKNOWN_SESSION, clientMessageId: randomUUID(), body: 'Hello' }),
  readA: (w) => ({ sessionId: w.sA, upToId: w.entryOfA }),
  readA0: (w) => ({ sessionId: w.sA0, upToId: w.entryOfA0 }),
  /** B's read mark in A's room, naming an entry of B's own room. */
  readB0InA: (w) => ({ sessionId: w.sA, upToId: w.entryOfB0 }),
  quoteForA0: (w) => ({ sessionId: w.sA0, quote: QUOTE }),
  /** sA is waiting (not live): no one may quote it yet. */
  quoteForA: (w) => ({ sessionId: w.sA, quote: QUOTE }),
  quoteForB0: (w) => ({ sessionId: w.sB0, quote: QUOTE }),
  quoteForUnknown: () => ({ sessionId: UNKNOWN_SESSION, quote: QUOTE }),
  editDraftA0: (w) => ({ sessionId: w.sA0, quoteId: w.dA0, quote: QUOTE }),
  qA0: (w) => ({ quoteId: w.qA0 }),
  dA0: (w) => ({ quoteId: w.dA0 }),
  qB0: (w) => ({ quoteId: w.qB0 }),
  unknownQuote: () => ({ quoteId: UNKNOWN_QUOTE }),
  decideA0: (w) => approveAll(w.qA0, w.linesOfA0),
  decideB0: (w) => approveAll(w.qB0, w.linesOfB0),
  /** B's decision naming A's quote with B's own lines. */
  decideA0WithLinesOfB0: (w) => approveAll(w.qA0, w.linesOfB0),
  decideUnknown: (w) => approveAll(UNKNOWN_QUOTE, w.linesOfA0),
  timeZone: () => ({ timeZone: 'UTC' }),
  rateA0: (w) => ({ sessionId: w.sA0, stars: 5, comment: 'changed' }),
  rateB0: (w) => ({ sessionId: w.sB0, stars: 5 }),
  rateA: (w) => ({ sessionId: w.sA, stars: 5 }),
  rateUnknown: () => ({ sessionId: UNKNOWN_SESSION, stars: 5 }),
  receiptOfA: (w) => ({ kind: 'credit_purchase', id: w.receiptOfA }),
  /** A's receipt asked for as the other kind: names nothing. */
  receiptOfAAsCardPayment: (w) => ({ kind: 'card_payment', id: w.receiptOfA }),
  unknownReceipt: () => ({ kind: 'card_payment', id: UNKNOWN_SESSION }),
  pushOfX: (w) => w.pushOfX,
  endpointOfX: (w) => ({ endpoint: w.pushOfX.endpoint }),
  optionalMailOff: () => ({ channel: 'email', kind: 'quote_sent', enabled: false }),
  securityMailOff: () => ({ channel: 'email', kind: 'reset_password', enabled: false }),
  /** Every test account's password (testing/accounts.ts), and another. */
  ownPassword: () => ({ password: TEST_PASSWORD }),
  wrongPassword: () => ({ password: `not ${TEST_PASSWORD}` }),
  panelOfNovember: () => ({
    panelId: 'sessions_created',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    timeZone: 'UTC',
    bucket: 'day',
  }),
  payoutToX: (w) => ({ mechanicUserId: w.users.X.userId, amountCents: 1234, reference: 'Matrix payout' }),
  /** A customer is no mechanic: nobody is paid. */
  payoutToA: (w) => ({ mechanicUserId: w.users.A.userId, amountCents: 1234, reference: 'Matrix payout' }),
  /** An address with no account yet (a new one per call). */
  inviteNew: () => ({ email: `matrix-${tag()}@test.autodoctor`, name: 'Matrix Invitee' }),
  /** A customer's and a mechanic's address: they have accounts. */
  inviteA: (w) => ({ email: w.users.A.email, name: 'Alice Again' }),
  inviteX: (w) => ({ email: w.users.X.email, name: 'Xavier Again' }),
  searchSA: (w) => ({ query: w.sA }),
  sessionOfA: (w) => ({ sessionId: w.sA }),
  opsUnknownSession: () => ({ sessionId: UNKNOWN_SESSION }),
  transcriptOfA0: (w) => ({ sessionId: w.sA0, reason: 'Matrix: a complaint' }),
  transcriptOfUnknown: () => ({ sessionId: UNKNOWN_SESSION, reason: 'Matrix: a complaint' }),
  disableX: (w) => ({ mechanicUserId: w.users.X.userId, reason: 'Matrix: a complaint' }),
  /** A customer is no mechanic: nobody is disabled. */
  disableA: (w) => ({ mechanicUserId: w.users.A.userId, reason: 'Matrix: a complaint' }),
  requeueSA: (w) => ({ sessionId: w.sA, reason: 'Matrix: mechanic unreachable' }),
  requeueSB: (w) => ({ sessionId: w.sB, reason: 'Matrix: mechanic unreachable' }),
  opsCancelSB: (w) => ({ sessionId: w.sB, reason: 'Matrix: duplicate request' }),
  opsCancelUnknown: () => ({ sessionId: UNKNOWN_SESSION, reason: 'Matrix: duplicate request' }),
} satisfies Record<string, (w: World) => unknown>;
type Target = keyof typeof TARGETS;

// ---------------------------------------------------------------------------
// Expected outcomes.
// ---------------------------------------------------------------------------

interface Refused {
  kind: 'refused';
  code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';
  httpStatus: 400 | 401 | 403 | 404 | 409;
  appCode: AppErrorCode | null;
}
/** An allowed read: it succeeds, shows what `check` expects, and writes nothing. */
interface Allowed {
  kind: 'allowed';
  check: (value: unknown, w: World) => void;
}
/** An allowed write: run on a fresh world of its own (see "allowed writes"). */
interface Writes {
  kind: 'writes';
  check: (value: unknown, w: World) => void;
}
type Outcome = Refused | Allowed | Writes;

const U: Refused = { kind: 'refused', code: 'UNAUTHORIZED', httpStatus: 401, appCode: null };
/** The wrong role for the procedure. */
const ROLE: Refused = { kind: 'refused', code: 'FORBIDDEN', httpStatus: 403, appCode: null };
/** Someone else's session. */
const NOT_YOURS: Refused = {
  kind: 'refused',
  code: 'FORBIDDEN',
  httpStatus: 403,
  appCode: 'NOT_A_PARTICIPANT',
};
const NO_SESSION: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'SESSION_NOT_FOUND',
};
const NO_ASSIGNMENT: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'ASSIGNMENT_NOT_FOUND',
};
const conflict = (appCode: AppErrorCode): Refused => ({
  kind: 'refused',
  code: 'CONFLICT',
  httpStatus: 409,
  appCode,
});
const ACTIVE = conflict('ACTIVE_SESSION_CONFLICT');
const NO_PURCHASE: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'CREDIT_PURCHASE_NOT_FOUND',
};
const NO_CHECKOUT: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'CHECKOUT_NOT_FOUND',
};
const ILLEGAL = conflict('ILLEGAL_TRANSITION');
const NO_MECHANIC: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'MECHANIC_NOT_FOUND',
};
const NO_QUOTE: Refused = { kind: 'refused', code: 'NOT_FOUND', httpStatus: 404, appCode: 'QUOTE_NOT_FOUND' };
const NOT_QUOTABLE: Refused = {
  kind: 'refused',
  code: 'FORBIDDEN',
  httpStatus: 403,
  appCode: 'SESSION_NOT_QUOTABLE',
};
const NOT_A_DRAFT = conflict('QUOTE_NOT_A_DRAFT');
const WRONG_PASSWORD: Refused = {
  kind: 'refused',
  code: 'FORBIDDEN',
  httpStatus: 403,
  appCode: 'INVALID_PASSWORD',
};
/** The caller's own quote, with lines that are not its own. */
const badRequest = (appCode: AppErrorCode): Refused => ({
  kind: 'refused',
  code: 'BAD_REQUEST',
  httpStatus: 400,
  appCode,
});
/** Not a session of the caller's that ended with a mechanic. */
const NOT_RATABLE: Refused = {
  kind: 'refused',
  code: 'FORBIDDEN',
  httpStatus: 403,
  appCode: 'RATING_NOT_ALLOWED',
};
const ROOM_CLOSED = conflict('ROOM_CLOSED');
const NOTIFICATION_REQUIRED = badRequest('NOTIFICATION_REQUIRED');
const NO_RECEIPT: Refused = {
  kind: 'refused',
  code: 'NOT_FOUND',
  httpStatus: 404,
  appCode: 'RECEIPT_NOT_FOUND',
};
const ok = (check: Allowed['check']): Allowed => ({ kind: 'allowed', check });
const writes = (check: Writes['check']): Writes => ({ kind: 'writes', check });

const idOf = (value: unknown) => (value as { id?: unknown } | null)?.id;
const sessionIs = (pick: (w: World) => string) => ok((v, w) => expect(idOf(v)).toBe(pick(w)));
const historyIs = (pick: (w: World) => string[]) =>
  ok((v, w) => {
    const page = v as { items: { id: string }[]; nextCursor: string | null };
    expect(page.items.map((s) => s.id)).toEqual(pick(w));
    expect(page.nextCursor).toBeNull();
  });
const feedStartsWith = (pick: (w: World) => string) =>
  ok((v, w) => expect(v).toMatchObject({ data: { sessionId: pick(w), type: 'created', status: 'pending' } }));
const timelineIs = (types: string[]) =>
  ok((v) => expect((v as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(types));
const roomStartsWithAccept = (pick: (w: World) => string) =>
  ok((v, w) =>
    expect(v).toMatchObject({ data: { kind: 'system', event: 'assignment_accepted', sessionId: pick(w) } }),
  );
const messageSent = writes((v) =>
  expect(v).toMatchObject({ kind: 'message', body: 'Is the noise louder when cold?' }),
);
const readMarked = writes((v) => expect(v).toBeUndefined());
const nothingBack = ok((v) => expect(v).toBeUndefined());
const quotesAre = (pick: (w: World) => string[]) =>
  ok((v, w) => expect((v as { id: string }[]).map((q) => q.id)).toEqual(pick(w)));
const quoteIs = (pick: (w: World) => string, status: string) =>
  ok((v, w) => expect(v).toMatchObject({ id: pick(w), status }));
const quoteWritten = (status: string) => writes((v) => expect(v).toMatchObject({ status }));
const quoteFeedStartsWith = (pick: (w: World) => string) =>
  ok((v, w) => expect(v).toMatchObject({ data: { quoteId: pick(w), type: 'quote_sent' } }));
const OPEN = ['created'];
const ACCEPTED = ['created', 'assignment_accepted'];
const RAN = ['created', 'assignment_accepted', 'started', 'ended'];
/** Ran, then quoted (the world's ended sessions). */
const QUOTED = [...RAN, 'quote_sent'];
const pushIsOn = ok((v) => expect(v).toEqual({ enabled: true, publicKey: VAPID.publicKey }));
const upcomingIsS = ok((v, w) => {
  const { entries } = v as { entries: { sessionId: string }[] };
  expect(entries.map((e) => e.sessionId)).toEqual([w.sS]);
  for (const identity of w.identityOfS) expect(JSON.stringify(entries)).not.toContain(identity);
});
const rated = writes((v) => expect(v).toMatchObject({ stars: 5 }));
const receiptsAre = (pick: (w: World) => string[]) =>
  ok((v, w) => expect((v as { items: { id: string }[] }).items.map((r) => r.id)).toEqual(pick(w)));
const receiptIsAOf = ok((v, w) =>
  expect(v).toMatchObject({ kind: 'credit_purchase', id: w.receiptOfA, amountCents: 7500, credits: 3 }),
);
const preferenceSet = writes((v) => expect(v).toEqual({ ok: true }));
/** The caller's own switches: a customer's (emails about sessions and quotes) or a mechanic's (push too). */
const preferencesOf = (role: 'customer' | 'mechanic' | 'operator') =>
  ok((v) => {
    const { email, push } = v as { email: { kind: string; enabled: boolean }[]; push: { kind: string }[] };
    expect(email.every((entry) => entry.enabled)).toBe(true);
    if (role === 'operator')
      expect(email).toEqual([]); // operators get security mail only
    else
      expect(email.map((entry) => entry.kind)).toContain(
        role === 'customer' ? 'session_accepted' : 'quote_approved',
      );
    expect(push.length > 0).toBe(role === 'mechanic');
  });
// A's session was accepted (cancelled now), B's pending in the queue (cancelled now).
const accountDeleted = writes((v) => expect(v).toEqual({ deleted: true, sessionCancelled: true }));
const earningLinesAre = (labels: string[]) =>
  ok((v) => expect((v as { items: { label: string }[] }).items.map((line) => line.label)).toEqual(labels));
const ratingsAre = (pick: (w: World) => string[]) =>
  ok((v, w) => {
    const page = v as { items: { sessionId: string }[] };
    expect(page.items.map((rating) => rating.sessionId)).toEqual(pick(w));
  });
const panelsListed = ok((v) =>
  expect((v as { id: string }[]).map((panel) => panel.id)).toContain('sessions_created'),
);
// Thirty days of November, each with its count per type (the world's sessions are all newer).
const novemberByType = ok((v) => {
  const { rows } = v as { rows: Record<string, number | string>[] };
  expect(rows).toHaveLength(30);
});
// Both mechanics, and no customer or operator, on the operators' roster.
const rosterOfXAndY = ok((v, w) => {
  const ids = (v as { id: string }[]).map((mechanic) => mechanic.id);
  expect(ids).toEqual(expect.arrayContaining([w.users.X.userId, w.users.Y.userId]));
  for (const other of [w.users.A, w.users.B, w.users.O]) expect(ids).not.toContain(other.userId);
});
const payoutRecorded = writes((v, w) =>
  expect(v).toMatchObject({
    mechanicUserId: w.users.X.userId,
    amountCents: -1234,
    reference: 'Matrix payout',
  }),
);
const mechanicInvited = writes((v) => {
  const { userId, expiresAt } = v as { userId: unknown; expiresAt: unknown };
  expect(typeof userId).toBe('string');
  expect(expiresAt).toBeInstanceOf(Date);
});
const ACCOUNT_EXISTS = conflict('ACCOUNT_EXISTS');
const foundSA = ok((v, w) => expect((v as { id: string }[]).map((hit) => hit.id)).toEqual([w.sA]));
const operatorViewOfA = ok((v, w) => expect(v).toMatchObject({ id: w.sA, status: 'waiting' }));
// The opening is written with the read: a write, whose answer is the room (its first line, the accept's).
const transcriptOfA0Read = writes((v, w) =>
  expect((v as { id: number }[]).map((entry) => String(entry.id))).toContain(w.entryOfA0),
);
// X had accepted A's session: it goes back to the queue.
const xDisabled = writes((v, w) => expect(v).toEqual({ changed: true, requeuedSessionId: w.sA }));
// X is enabled already: nothing changes.
const xAlreadyEnabled = ok((v) => expect(v).toEqual({ changed: false }));
const sARequeued = writes((v, w) =>
  expect(v).toMatchObject({
    session: { id: w.sA, status: 'pending' },
    releasedMechanicUserId: w.users.X.userId,
  }),
);
const sBCancelled = writes((v, w) =>
  expect(v).toMatchObject({ session: { id: w.sB, status: 'cancelled' }, wasAccepted: false }),
);
const accessLogRead = ok((v) => expect(Array.isArray(v)).toBe(true));
const queueIsOnlyB = ok((v, w) => {
  const ids = (v as { entries: { sessionId: string }[] }).entries.map((e) => e.sessionId);
  expect(ids).toContain(w.sB);
  for (const other of [w.sA, w.sA0, w.sB0]) expect(ids).not.toContain(other);
});

interface Row {
  procedure: Procedure;
  target: Target;
  outcomes: [anonymous: Outcome, A: Outcome, B: Outcome, X: Outcome, Y: Outcome, O: Outcome];
}
const row = (procedure: Procedure, target: Target, outcomes: Row['outcomes']): Row => ({
  procedure,
  target,
  outcomes,
});

// prettier-ignore
const MATRIX: Row[] = [
  //  procedure                 target                    [anonymous, A, B, X, Y, O]
  row('intake.startSession',    'intake',                 [U, ACTIVE, ACTIVE, ROLE, ROLE, ROLE]),
  row('intake.startSession',    'paidIntake',             [U, ACTIVE, ACTIVE, ROLE, ROLE, ROLE]),

  row('intake.options',         'none',                   [U, ok((v) => expect(v).toEqual({ freeSessionAvailable: false, credits: 2, mechanicsOnline: 1 })), ok((v) => expect(v).toEqual({ freeSessionAvailable: false, credits: 0, mechanicsOnline: 1 })), ROLE, ROLE, ROLE]),
  row('intake.mechanicsOnline', 'none',                   [U, ok((v) => expect(v).toEqual({ mechanicsOnline: 1 })), ok((v) => expect(v).toEqual({ mechanicsOnline: 1 })), ROLE, ROLE, ROLE]),

  row('customer.activeSession', 'none',                   [U, sessionIs((w) => w.sA), sessionIs((w) => w.sB), ROLE, ROLE, ROLE]),
  row('customer.session',       'sA',                     [U, sessionIs((w) => w.sA), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.session',       'sA0',                    [U, sessionIs((w) => w.sA0), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.session',       'sB',                     [U, NOT_YOURS, sessionIs((w) => w.sB), ROLE, ROLE, ROLE]),
  row('customer.session',       'sB0',                    [U, NOT_YOURS, sessionIs((w) => w.sB0), ROLE, ROLE, ROLE]),
  row('customer.session',       'unknownSession',         [U, NO_SESSION, NO_SESSION, ROLE, ROLE, ROLE]),
  row('customer.history',       'history',                [U, historyIs((w) => [w.sA, w.sA0]), historyIs((w) => [w.sB, w.sB0]), ROLE, ROLE, ROLE]),
  row('customer.history',       'historyFromCursorOfA',   [U, historyIs((w) => [w.sA0]), historyIs((w) => [w.sB0]), ROLE, ROLE, ROLE]),
  row('customer.creditBalance', 'none',                   [U, ok((v) => expect(v).toEqual({ credits: 2 })), ok((v) => expect(v).toEqual({ credits: 0 })), ROLE, ROLE, ROLE]),
  row('customer.endSession',    'sA',                     [U, ILLEGAL, NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.endSession',    'sA0',                    [U, ILLEGAL, NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.endSession',    'sB',                     [U, NOT_YOURS, ILLEGAL, ROLE, ROLE, ROLE]),
  row('customer.endSession',    'sB0',                    [U, NOT_YOURS, ILLEGAL, ROLE, ROLE, ROLE]),
  row('customer.endSession',    'unknownSession',         [U, NO_SESSION, NO_SESSION, ROLE, ROLE, ROLE]),
  row('customer.cancelSession', 'sA',                     [U, writes((v) => expect(v).toMatchObject({ session: { status: 'cancelled' }, creditsRefunded: 0 })), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.cancelSession', 'sA0',                    [U, ILLEGAL, NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.cancelSession', 'sB',                     [U, NOT_YOURS, writes((v) => expect(v).toMatchObject({ session: { status: 'cancelled' } })), ROLE, ROLE, ROLE]),
  row('customer.cancelSession', 'sB0',                    [U, NOT_YOURS, ILLEGAL, ROLE, ROLE, ROLE]),
  row('customer.cancelSession', 'unknownSession',         [U, NO_SESSION, NO_SESSION, ROLE, ROLE, ROLE]),
  row('customer.queueStatus',   'sA',                     [U, ok((v) => expect(v).toMatchObject({ position: null, estimatedWaitSeconds: null })), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.queueStatus',   'sB',                     [U, NOT_YOURS, ok((v) => expect(v).toMatchObject({ position: 1, mechanicsOnline: 1 })), ROLE, ROLE, ROLE]),
  row('customer.queueStatus',   'sB0',                    [U, NOT_YOURS, ok((v) => expect(v).toMatchObject({ position: null })), ROLE, ROLE, ROLE]),
  row('customer.queueStatus',   'unknownSession',         [U, NO_SESSION, NO_SESSION, ROLE, ROLE, ROLE]),
  row('customer.buyCredits',    'pack',                   [U, writes((v) => expect(typeof (v as { checkoutUrl: unknown }).checkoutUrl).toBe('string')), writes((v) => expect(typeof (v as { checkoutSessionId: unknown }).checkoutSessionId).toBe('string')), ROLE, ROLE, ROLE]),
  row('customer.creditPurchase', 'purchaseOfA',           [U, ok((v) => expect(v).toEqual({ status: 'pending', packId: 'credits_3', credits: 3 })), NO_PURCHASE, ROLE, ROLE, ROLE]),
  row('customer.creditPurchase', 'unknownCheckout',       [U, NO_PURCHASE, NO_PURCHASE, ROLE, ROLE, ROLE]),
  row('customer.creditLedger',  'history',                [U, ok((v) => expect((v as { items: { reason: string }[] }).items.map((i) => i.reason)).toEqual(['session_debit', 'grant'])), ok((v) => expect((v as { items: { reason: string }[] }).items.map((i) => i.reason)).toEqual(['session_debit', 'grant'])), ROLE, ROLE, ROLE]),
  row('customer.checkoutStatus', 'purchaseOfA',           [U, NO_CHECKOUT, NO_CHECKOUT, ROLE, ROLE, ROLE]),
  row('customer.checkoutStatus', 'unknownCheckout',       [U, NO_CHECKOUT, NO_CHECKOUT, ROLE, ROLE, ROLE]),

  row('mechanic.queue',         'none',                   [U, ROLE, ROLE, queueIsOnlyB, queueIsOnlyB, ROLE]),
  row('mechanic.queueFeed',     'queueFromStart',         [U, ROLE, ROLE,
    ok((v, w) => expect(v).toMatchObject({ data: { type: 'assignment_accepted', sessionId: w.sA0 } })),
    ok((v, w) => expect(v).toMatchObject({ data: { type: 'assignment_accepted', sessionId: w.sA0 } })), ROLE]),
  row('mechanic.accept',        'aA',                     [U, ROLE, ROLE, conflict('ASSIGNMENT_UNAVAILABLE'), conflict('ASSIGNMENT_UNAVAILABLE'), ROLE]),
  row('mechanic.accept',        'aB',                     [U, ROLE, ROLE, conflict('MECHANIC_BUSY'), writes((v, w) => expect(v).toMatchObject({ id: w.sB, status: 'waiting' })), ROLE]),
  row('mechanic.accept',        'unknownAssignment',      [U, ROLE, ROLE, NO_ASSIGNMENT, NO_ASSIGNMENT, ROLE]),
  row('mechanic.activeSession', 'none',                   [U, ROLE, ROLE, ok((v, w) => expect(v).toMatchObject({ id: w.sA, customerFirstName: 'Alice' })), ok((v) => expect(v).toBeNull()), ROLE]),
  row('mechanic.session',       'sA',                     [U, ROLE, ROLE, sessionIs((w) => w.sA), NOT_YOURS, ROLE]),
  row('mechanic.session',       'sA0',                    [U, ROLE, ROLE, sessionIs((w) => w.sA0), NOT_YOURS, ROLE]),
  row('mechanic.session',       'sB',                     [U, ROLE, ROLE, NOT_YOURS, NOT_YOURS, ROLE]),
  row('mechanic.session',       'sB0',                    [U, ROLE, ROLE, NOT_YOURS, sessionIs((w) => w.sB0), ROLE]),
  row('mechanic.session',       'unknownSession',         [U, ROLE, ROLE, NO_SESSION, NO_SESSION, ROLE]),
  row('mechanic.startSession',  'sA',                     [U, ROLE, ROLE, writes((v, w) => expect(v).toMatchObject({ id: w.sA, status: 'live' })), NOT_YOURS, ROLE]),
  row('mechanic.startSession',  'sA0',                    [U, ROLE, ROLE, ILLEGAL, NOT_YOURS, ROLE]),
  row('mechanic.startSession',  'sB',                     [U, ROLE, ROLE, NOT_YOURS, NOT_YOURS, ROLE]),
  row('mechanic.startSession',  'sB0',                    [U, ROLE, ROLE, NOT_YOURS, ILLEGAL, ROLE]),
  row('mechanic.startSession',  'unknownSession',         [U, ROLE, ROLE, NO_SESSION, NO_SESSION, ROLE]),
  row('mechanic.endSession',    'sA',                     [U, ROLE, ROLE, ILLEGAL, NOT_YOURS, ROLE]),
  row('mechanic.endSession',    'sA0',                    [U, ROLE, ROLE, ILLEGAL, NOT_YOURS, ROLE]),
  row('mechanic.endSession',    'sB',                     [U, ROLE, ROLE, NOT_YOURS, NOT_YOURS, ROLE]),
  row('mechanic.endSession',    'sB0',                    [U, ROLE, ROLE, NOT_YOURS, ILLEGAL, ROLE]),
  row('mechanic.endSession',    'unknownSession',         [U, ROLE, ROLE, NO_SESSION, NO_SESSION, ROLE]),
  row('mechanic.availability',  'none',                   [U, ROLE, ROLE, ok((v) => expect(v).toMatchObject({ online: true })), ok((v) => expect(v).toEqual({ online: false, lastSeenAt: null })), ROLE]),
  row('mechanic.setAvailability', 'switchOn',             [U, ROLE, ROLE, writes((v) => expect(v).toMatchObject({ online: true })), writes((v) => expect(v).toMatchObject({ online: true })), ROLE]),
  row('mechanic.heartbeat',     'none',                   [U, ROLE, ROLE, writes((v) => expect(v).toMatchObject({ online: true })), ok((v) => expect(v).toEqual({ online: false, lastSeenAt: null })), ROLE]),
  row('mechanic.history',       'history',                [U, ROLE, ROLE, historyIs((w) => [w.sA, w.sA0]), historyIs((w) => [w.sB0]), ROLE]),
  row('mechanic.history',       'historyFromCursorOfA',   [U, ROLE, ROLE, historyIs((w) => [w.sA0]), historyIs((w) => [w.sB0]), ROLE]),
  row('mechanic.upcoming',      'none',                   [U, ROLE, ROLE, upcomingIsS, upcomingIsS, ROLE]),
  // Web Push: a browser's subscription is bound to whoever sends it (the browser they are using); only the owner removes it.
  row('mechanic.pushConfig',    'none',                   [U, ROLE, ROLE, pushIsOn, pushIsOn, ROLE]),
  row('mechanic.subscribePush', 'pushOfX',                [U, ROLE, ROLE, writes((v) => expect(v).toEqual({ subscribed: true })), writes((v) => expect(v).toEqual({ subscribed: true })), ROLE]),
  row('mechanic.unsubscribePush', 'endpointOfX',          [U, ROLE, ROLE, writes((v) => expect(v).toEqual({ unsubscribed: true })), ok((v) => expect(v).toEqual({ unsubscribed: false })), ROLE]),

  // Quotes: only the session's mechanic writes them; a draft is the mechanic's alone.
  row('mechanic.sessionQuotes', 'sA0',                    [U, ROLE, ROLE, quotesAre((w) => [w.dA0, w.qA0]), NOT_YOURS, ROLE]),
  row('mechanic.sessionQuotes', 'sB0',                    [U, ROLE, ROLE, NOT_YOURS, quotesAre((w) => [w.qB0]), ROLE]),
  row('mechanic.sessionQuotes', 'sA',                     [U, ROLE, ROLE, quotesAre(() => []), NOT_YOURS, ROLE]),
  row('mechanic.sessionQuotes', 'unknownSession',         [U, ROLE, ROLE, NO_SESSION, NO_SESSION, ROLE]),
  row('mechanic.saveQuoteDraft', 'quoteForA0',            [U, ROLE, ROLE, quoteWritten('draft'), NOT_QUOTABLE, ROLE]),
  row('mechanic.saveQuoteDraft', 'quoteForA',             [U, ROLE, ROLE, NOT_QUOTABLE, NOT_QUOTABLE, ROLE]),
  row('mechanic.saveQuoteDraft', 'quoteForB0',            [U, ROLE, ROLE, NOT_QUOTABLE, quoteWritten('draft'), ROLE]),
  row('mechanic.saveQuoteDraft', 'quoteForUnknown',       [U, ROLE, ROLE, NO_SESSION, NO_SESSION, ROLE]),
  row('mechanic.saveQuoteDraft', 'editDraftA0',           [U, ROLE, ROLE, quoteWritten('draft'), NO_QUOTE, ROLE]),
  row('mechanic.sendQuote',     'dA0',                    [U, ROLE, ROLE, quoteWritten('sent'), NO_QUOTE, ROLE]),
  row('mechanic.sendQuote',     'qA0',                    [U, ROLE, ROLE, NOT_A_DRAFT, NO_QUOTE, ROLE]),
  row('mechanic.sendQuote',     'qB0',                    [U, ROLE, ROLE, NO_QUOTE, NOT_A_DRAFT, ROLE]),
  row('mechanic.sendQuote',     'unknownQuote',           [U, ROLE, ROLE, NO_QUOTE, NO_QUOTE, ROLE]),
  row('mechanic.reviseQuote',   'qA0',                    [U, ROLE, ROLE, quoteWritten('draft'), NO_QUOTE, ROLE]),
  // Revising a draft gives the draft itself back: nothing written.
  row('mechanic.reviseQuote',   'dA0',                    [U, ROLE, ROLE, quoteIs((w) => w.dA0, 'draft'), NO_QUOTE, ROLE]),
  row('mechanic.reviseQuote',   'qB0',                    [U, ROLE, ROLE, NO_QUOTE, quoteWritten('draft'), ROLE]),
  row('mechanic.reviseQuote',   'unknownQuote',           [U, ROLE, ROLE, NO_QUOTE, NO_QUOTE, ROLE]),
  row('mechanic.withdrawQuote', 'qA0',                    [U, ROLE, ROLE, quoteWritten('withdrawn'), NO_QUOTE, ROLE]),
  row('mechanic.withdrawQuote', 'dA0',                    [U, ROLE, ROLE, NO_QUOTE, NO_QUOTE, ROLE]),
  row('mechanic.withdrawQuote', 'qB0',                    [U, ROLE, ROLE, NO_QUOTE, quoteWritten('withdrawn'), ROLE]),
  row('mechanic.withdrawQuote', 'unknownQuote',           [U, ROLE, ROLE, NO_QUOTE, NO_QUOTE, ROLE]),
  row('mechanic.deleteQuoteDraft', 'dA0',                 [U, ROLE, ROLE, writes((v) => expect(v).toEqual({ deleted: true })), NO_QUOTE, ROLE]),
  row('mechanic.deleteQuoteDraft', 'qA0',                 [U, ROLE, ROLE, NOT_A_DRAFT, NO_QUOTE, ROLE]),
  row('mechanic.deleteQuoteDraft', 'unknownQuote',        [U, ROLE, ROLE, NO_QUOTE, NO_QUOTE, ROLE]),
  row('customer.sessionQuotes', 'sA0',                    [U, quotesAre((w) => [w.qA0]), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.sessionQuotes', 'sB0',                    [U, NOT_YOURS, quotesAre((w) => [w.qB0]), ROLE, ROLE, ROLE]),
  row('customer.sessionQuotes', 'sA',                     [U, quotesAre(() => []), NOT_YOURS, ROLE, ROLE, ROLE]),
  row('customer.sessionQuotes', 'unknownSession',         [U, NO_SESSION, NO_SESSION, ROLE, ROLE, ROLE]),
  row('customer.openQuotes',    'none',                   [U, quotesAre((w) => [w.qA0]), quotesAre((w) => [w.qB0]), ROLE, ROLE, ROLE]),
  row('customer.decideQuote',   'decideA0',               [U, quoteWritten('approved'), NO_QUOTE, ROLE, ROLE, ROLE]),
  row('customer.decideQuote',   'decideB0',               [U, NO_QUOTE, quoteWritten('approved'), ROLE, ROLE, ROLE]),
  row('customer.decideQuote',   'decideA0WithLinesOfB0',  [U, badRequest('QUOTE_LINES_MISMATCH'), NO_QUOTE, ROLE, ROLE, ROLE]),
  row('customer.decideQuote',   'decideUnknown',          [U, NO_QUOTE, NO_QUOTE, ROLE, ROLE, ROLE]),
  row('customer.quoteFeed',     'queueFromStart',         [U, quoteFeedStartsWith((w) => w.qA0), quoteFeedStartsWith((w) => w.qB0), ROLE, ROLE, ROLE]),
  // Earnings and ratings: a mechanic's own only.
  row('mechanic.earnings',      'timeZone',               [U, ROLE, ROLE, ok((v) => expect(v).toMatchObject({ balanceCents: -500, ratingAverage: 4, ratingCount: 1 })), ok((v) => expect(v).toMatchObject({ balanceCents: 0, ratingAverage: null, ratingCount: 0 })), ROLE]),
  row('mechanic.earningLines',  'history',                [U, ROLE, ROLE, earningLinesAre(['Payout world-X']), earningLinesAre([]), ROLE]),
  row('mechanic.earningsCsv',   'none',                   [U, ROLE, ROLE, ok((v) => expect((v as { csv: string }).csv).toContain(',payout,Payout world-X,')), ok((v) => expect((v as { csv: string }).csv.trimEnd().split('\r\n')).toHaveLength(1)), ROLE]),
  row('mechanic.ratings',       'history',                [U, ROLE, ROLE, ratingsAre((w) => [w.sA0]), ratingsAre(() => []), ROLE]),
  row('customer.rateSession',   'rateA0',                 [U, rated, NOT_RATABLE, ROLE, ROLE, ROLE]),
  row('customer.rateSession',   'rateB0',                 [U, NOT_RATABLE, rated, ROLE, ROLE, ROLE]),
  row('customer.rateSession',   'rateA',                  [U, NOT_RATABLE, NOT_RATABLE, ROLE, ROLE, ROLE]),
  row('customer.rateSession',   'rateUnknown',            [U, NOT_RATABLE, NOT_RATABLE, ROLE, ROLE, ROLE]),
  // Deleting an account: a customer's own, with their password; never a mechanic's.
  row('account.deleteAccount',  'wrongPassword',          [U, WRONG_PASSWORD, WRONG_PASSWORD, ROLE, ROLE, ROLE]),
  row('account.deleteAccount',  'ownPassword',            [U, accountDeleted, accountDeleted, ROLE, ROLE, ROLE]),

  // Receipts: a customer's own only; anyone else's looks unknown.
  row('customer.receipts',      'history',                [U, receiptsAre((w) => [w.receiptOfA]), receiptsAre(() => []), ROLE, ROLE, ROLE]),
  row('customer.receipt',       'receiptOfA',             [U, receiptIsAOf, NO_RECEIPT, ROLE, ROLE, ROLE]),
  row('customer.receipt',       'receiptOfAAsCardPayment', [U, NO_RECEIPT, NO_RECEIPT, ROLE, ROLE, ROLE]),
  row('customer.receipt',       'unknownReceipt',         [U, NO_RECEIPT, NO_RECEIPT, ROLE, ROLE, ROLE]),

  // Each person's own switches; security email and receipts cannot be turned off by anyone.
  row('account.notificationPreferences',   'none',            [U, preferencesOf('customer'), preferencesOf('customer'), preferencesOf('mechanic'), preferencesOf('mechanic'), preferencesOf('operator')]),
  row('account.setNotificationPreference', 'optionalMailOff', [U, preferenceSet, preferenceSet, preferenceSet, preferenceSet, preferenceSet]),
  row('account.setNotificationPreference', 'securityMailOff', [U, NOTIFICATION_REQUIRED, NOTIFICATION_REQUIRED, NOTIFICATION_REQUIRED, NOTIFICATION_REQUIRED, NOTIFICATION_REQUIRED]),

  row('session.feed',           'sA',                     [U, feedStartsWith((w) => w.sA), NOT_YOURS, feedStartsWith((w) => w.sA), NOT_YOURS, ROLE]),
  row('session.feed',           'sA0',                    [U, feedStartsWith((w) => w.sA0), NOT_YOURS, feedStartsWith((w) => w.sA0), NOT_YOURS, ROLE]),
  row('session.feed',           'sB',                     [U, NOT_YOURS, feedStartsWith((w) => w.sB), NOT_YOURS, NOT_YOURS, ROLE]),
  row('session.feed',           'sB0',                    [U, NOT_YOURS, feedStartsWith((w) => w.sB0), NOT_YOURS, feedStartsWith((w) => w.sB0), ROLE]),
  row('session.feed',           'unknownSession',         [U, NO_SESSION, NO_SESSION, NO_SESSION, NO_SESSION, ROLE]),

  row('session.timeline',       'sA',                     [U, timelineIs(ACCEPTED), NOT_YOURS, timelineIs(ACCEPTED), NOT_YOURS, ROLE]),
  row('session.timeline',       'sA0',                    [U, timelineIs(QUOTED), NOT_YOURS, timelineIs(QUOTED), NOT_YOURS, ROLE]),
  row('session.timeline',       'sB',                     [U, NOT_YOURS, timelineIs(OPEN), NOT_YOURS, NOT_YOURS, ROLE]),
  row('session.timeline',       'sB0',                    [U, NOT_YOURS, timelineIs(QUOTED), NOT_YOURS, timelineIs(QUOTED), ROLE]),
  row('session.timeline',       'unknownSession',         [U, NO_SESSION, NO_SESSION, NO_SESSION, NO_SESSION, ROLE]),

  // The room answers "no such session" to anyone outside it (never "it exists, not yours").
  row('room.feed',              'sA',                     [U, roomStartsWithAccept((w) => w.sA), NO_SESSION, roomStartsWithAccept((w) => w.sA), NO_SESSION, ROLE]),
  row('room.feed',              'sA0',                    [U, roomStartsWithAccept((w) => w.sA0), NO_SESSION, roomStartsWithAccept((w) => w.sA0), NO_SESSION, ROLE]),
  row('room.feed',              'sB0',                    [U, NO_SESSION, roomStartsWithAccept((w) => w.sB0), NO_SESSION, roomStartsWithAccept((w) => w.sB0), ROLE]),
  row('room.feed',              'unknownSession',         [U, NO_SESSION, NO_SESSION, NO_SESSION, NO_SESSION, ROLE]),
  row('room.send',              'messageInA',             [U, messageSent, NO_SESSION, messageSent, NO_SESSION, ROLE]),
  row('room.send',              'messageInA0',            [U, ROOM_CLOSED, NO_SESSION, ROOM_CLOSED, NO_SESSION, ROLE]),
  row('room.send',              'messageInB',             [U, NO_SESSION, ROOM_CLOSED, NO_SESSION, NO_SESSION, ROLE]),
  row('room.send',              'messageInUnknown',       [U, NO_SESSION, NO_SESSION, NO_SESSION, NO_SESSION, ROLE]),
  row('room.markRead',          'readA',                  [U, readMarked, NO_SESSION, readMarked, NO_SESSION, ROLE]),
  row('room.markRead',          'readA0',                 [U, readMarked, NO_SESSION, readMarked, NO_SESSION, ROLE]),
  row('room.markRead',          'readB0InA',              [U, nothingBack, NO_SESSION, nothingBack, NO_SESSION, ROLE]),
  row('room.typing',            'sA',                     [U, nothingBack, NO_SESSION, nothingBack, NO_SESSION, ROLE]),
  row('room.typing',            'sA0',                    [U, ROOM_CLOSED, NO_SESSION, ROOM_CLOSED, NO_SESSION, ROLE]),
  row('room.typing',            'sB',                     [U, NO_SESSION, ROOM_CLOSED, NO_SESSION, NO_SESSION, ROLE]),
  row('room.typing',            'unknownSession',         [U, NO_SESSION, NO_SESSION, NO_SESSION, NO_SESSION, ROLE]),

  row('ops.panels',             'none',                   [U, ROLE, ROLE, ROLE, ROLE, panelsListed]),
  row('ops.panel',              'panelOfNovember',        [U, ROLE, ROLE, ROLE, ROLE, novemberByType]),
  row('ops.mechanics',          'none',                   [U, ROLE, ROLE, ROLE, ROLE, rosterOfXAndY]),
  row('ops.recordPayout',       'payoutToX',              [U, ROLE, ROLE, ROLE, ROLE, payoutRecorded]),
  row('ops.recordPayout',       'payoutToA',              [U, ROLE, ROLE, ROLE, ROLE, NO_MECHANIC]),
  row('ops.inviteMechanic',     'inviteNew',              [U, ROLE, ROLE, ROLE, ROLE, mechanicInvited]),
  row('ops.inviteMechanic',     'inviteA',                [U, ROLE, ROLE, ROLE, ROLE, ACCOUNT_EXISTS]),
  row('ops.inviteMechanic',     'inviteX',                [U, ROLE, ROLE, ROLE, ROLE, ACCOUNT_EXISTS]),
  row('ops.sessions',           'searchSA',               [U, ROLE, ROLE, ROLE, ROLE, foundSA]),
  row('ops.session',            'sessionOfA',             [U, ROLE, ROLE, ROLE, ROLE, operatorViewOfA]),
  row('ops.session',            'opsUnknownSession',      [U, ROLE, ROLE, ROLE, ROLE, NO_SESSION]),
  row('ops.openTranscript',     'transcriptOfA0',         [U, ROLE, ROLE, ROLE, ROLE, transcriptOfA0Read]),
  row('ops.openTranscript',     'transcriptOfUnknown',    [U, ROLE, ROLE, ROLE, ROLE, NO_SESSION]),
  row('ops.transcriptAccess',   'none',                   [U, ROLE, ROLE, ROLE, ROLE, accessLogRead]),
  row('ops.operatorActions',    'none',                   [U, ROLE, ROLE, ROLE, ROLE, accessLogRead]),
  row('ops.disableMechanic',    'disableX',               [U, ROLE, ROLE, ROLE, ROLE, xDisabled]),
  row('ops.disableMechanic',    'disableA',               [U, ROLE, ROLE, ROLE, ROLE, NO_MECHANIC]),
  row('ops.enableMechanic',     'disableX',               [U, ROLE, ROLE, ROLE, ROLE, xAlreadyEnabled]),
  row('ops.enableMechanic',     'disableA',               [U, ROLE, ROLE, ROLE, ROLE, NO_MECHANIC]),
  row('ops.requeueSession',     'requeueSA',              [U, ROLE, ROLE, ROLE, ROLE, sARequeued]),
  row('ops.requeueSession',     'requeueSB',              [U, ROLE, ROLE, ROLE, ROLE, ILLEGAL]),
  row('ops.requeueSession',     'opsCancelUnknown',       [U, ROLE, ROLE, ROLE, ROLE, NO_SESSION]),
  row('ops.cancelSession',      'opsCancelSB',            [U, ROLE, ROLE, ROLE, ROLE, sBCancelled]),
  row('ops.cancelSession',      'opsCancelUnknown',       [U, ROLE, ROLE, ROLE, ROLE, NO_SESSION]),
];

interface Case {
  name: string;
  actor: Actor;
  procedure: Procedure;
  target: Target;
  outcome: Outcome;
}

const describeOutcome = (o: Outcome) =>
  o.kind === 'refused'
    ? `${o.code}${o.appCode ? ` (${o.appCode})` : ''}`
    : o.kind === 'allowed'
      ? 'allowed'
      : 'writes';

const CASES: Case[] = MATRIX.flatMap((r) =>
  ACTORS.map((actor, i) => ({
    name: `${actor} → ${r.procedure} [${r.target}]: ${describeOutcome(r.outcomes[i]!)}`,
    actor,
    procedure: r.procedure,
    target: r.target,
    outcome: r.outcomes[i]!,
  })),
);

function expectRefusal(result: Attempt, refused: Refused): void {
  expect(result.ok, `expected ${refused.code}, but the call succeeded`).toBe(false);
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(TRPCClientError);
  const { data } = result.error as TRPCClientError<AppRouter>;
  expect({ code: data?.code, httpStatus: data?.httpStatus, appCode: data?.appCode }).toEqual({
    code: refused.code,
    httpStatus: refused.httpStatus,
    appCode: refused.appCode,
  });
}

async function run(world: World, c: Case): Promise<Attempt> {
  return callByPath(clientOf(world, c.actor), c.procedure, TARGETS[c.target](world));
}

// ---------------------------------------------------------------------------

describe('authorization matrix', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it('covers every procedure of the router, for every actor', () => {
    const routerProcedures = Object.keys(appRouter._def.procedures).sort();
    expect([...new Set(MATRIX.map((r) => r.procedure))].sort()).toEqual(routerProcedures);
    // Anonymous is refused everything.
    for (const r of MATRIX) expect(r.outcomes[0]).toBe(U);
  });

  const refusedOrRead = CASES.filter((c) => c.outcome.kind !== 'writes');
  it.each(refusedOrRead)('$name', async (c) => {
    const before = await snapshot();
    const result = await run(world, c);
    if (c.outcome.kind === 'refused') {
      expectRefusal(result, c.outcome);
    } else if (c.outcome.kind === 'allowed') {
      expect(result.ok ? 'ok' : result.error).toBe('ok');
      if (result.ok) c.outcome.check(result.value, world);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('allowed writes (each on a fresh world: proof that the refusals above are about who, not about state)', () => {
  const writers = CASES.filter((c) => c.outcome.kind === 'writes');

  it('are the ones expected', () => {
    expect(writers.map((c) => `${c.actor} ${c.procedure} ${c.target}`).sort()).toEqual(
      [
        'A customer.cancelSession sA',
        'B customer.cancelSession sB',
        'A customer.buyCredits pack',
        'B customer.buyCredits pack',
        'X mechanic.startSession sA',
        'Y mechanic.accept aB',
        'X mechanic.setAvailability switchOn',
        'Y mechanic.setAvailability switchOn',
        'X mechanic.heartbeat none',
        'X mechanic.subscribePush pushOfX',
        'Y mechanic.subscribePush pushOfX',
        'X mechanic.unsubscribePush endpointOfX',
        'A room.send messageInA',
        'X room.send messageInA',
        'A room.markRead readA',
        'X room.markRead readA',
        'A room.markRead readA0',
        'X room.markRead readA0',
        'X mechanic.saveQuoteDraft quoteForA0',
        'Y mechanic.saveQuoteDraft quoteForB0',
        'X mechanic.saveQuoteDraft editDraftA0',
        'X mechanic.sendQuote dA0',
        'X mechanic.reviseQuote qA0',
        'Y mechanic.reviseQuote qB0',
        'X mechanic.withdrawQuote qA0',
        'Y mechanic.withdrawQuote qB0',
        'X mechanic.deleteQuoteDraft dA0',
        'A customer.decideQuote decideA0',
        'B customer.decideQuote decideB0',
        'A customer.rateSession rateA0',
        'B customer.rateSession rateB0',
        'A account.setNotificationPreference optionalMailOff',
        'B account.setNotificationPreference optionalMailOff',
        'X account.setNotificationPreference optionalMailOff',
        'Y account.setNotificationPreference optionalMailOff',
        'O account.setNotificationPreference optionalMailOff',
        'O ops.recordPayout payoutToX',
        'O ops.inviteMechanic inviteNew',
        'O ops.openTranscript transcriptOfA0',
        'O ops.disableMechanic disableX',
        'O ops.requeueSession requeueSA',
        'O ops.cancelSession opsCancelSB',
        'A account.deleteAccount ownPassword',
        'B account.deleteAccount ownPassword',
      ].sort(),
    );
  });

  it.each(writers)('$name', async (c) => {
    const world = await buildWorld();
    const result = await run(world, c);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    if (result.ok && c.outcome.kind === 'writes') c.outcome.check(result.value, world);
  });
});

// ---------------------------------------------------------------------------
// Leaks through the realtime feeds.
// ---------------------------------------------------------------------------

interface Person extends TestUser {
  name: string;
}

async function customer(label: string): Promise<Person> {
  const name = `${label}-${tag()}`;
  return { ...(await t.customer(name)), name };
}
async function mechanic(label: string): Promise<Person> {
  const name = `${label}-${tag()}`;
  return { ...(await t.mechanic(name)), name };
}

/** The identities a payload must not carry. */
function identitiesIn(json: string, people: Person[]): string[] {
  return people.flatMap((p) =>
    [p.userId, p.email, p.name].filter((s) => json.includes(s)).map((s) => `${p.name}: ${s}`),
  );
}

/** The session's events in feed order, as the database has them. */
async function eventTypesOf(sessionId: string): Promise<string[]> {
  const rows = await t.database.sql<{ type: string }[]>`
    SELECT type FROM session_events WHERE session_id = ${sessionId} ORDER BY tx_id, id`;
  return rows.map((r) => r.type);
}

/** What the queue feed must have delivered after `lastEventId`, derived from session_events. */
async function expectedQueueEvents(lastEventId: string): Promise<{ type: string; sessionId: string }[]> {
  const rows = await t.database.sql<
    { session_id: string; type: keyof typeof STATUS_AFTER_EVENT; payload: Record<string, unknown> }[]
  >`
    SELECT session_id, type, payload FROM session_events
    WHERE (tx_id, id) > (SELECT tx_id, id FROM session_events WHERE id = ${Number(lastEventId)})
    ORDER BY tx_id, id`;
  return rows.flatMap((r) => {
    const name = queueEventFor({
      type: r.type,
      from: r.payload.from as SessionStatus | undefined,
      to: STATUS_AFTER_EVENT[r.type] ?? (r.payload.status as SessionStatus),
    });
    return name ? [{ type: name, sessionId: r.session_id }] : [];
  });
}

const queueSessionId = (e: QueueFeedEvent) => (e.type === 'new_assignment' ? e.entry.sessionId : e.sessionId);

describe('no leaks', () => {
  it('delivers session.feed events to participants only, and queue events without customer identity', async () => {
    // Observers A, B (customers) and X, Y (mechanics); C, D, E, F, W are other
    // customers and Z another mechanic, whose sessions the observers must not see.
    const A = await customer('Alice');
    const B = await customer('Bob');
    const C = await customer('Carol');
    const D = await customer('Dave');
    const E = await customer('Erin');
    const F = await customer('Frank');
    const W = await customer('Wendy');
    const X = await mechanic('Xavier');
    const Y = await mechanic('Yolanda');
    const Z = await mechanic('Zeke');
    const everyone = [A, B, C, D, E, F, W, X, Y, Z];
    await grantCredits(t.database.db, B.userId, 1);
    // C's second session cannot be free (its first was accepted).
    await grantCredits(t.database.db, C.userId, 1);
    const accept = async (m: Person, sessionId: string) =>
      m.client.mechanic.accept.mutate({ assignmentId: await assignmentOf(m, sessionId) });

    // The queue feeds follow on from queue().lastEventId, so none of what follows can slip past them.
    await W.client.customer.cancelSession.mutate({ sessionId: await openSession(W) });
    const { lastEventId } = await X.client.mechanic.queue.query();
    expect(lastEventId).not.toBeNull();
    const queueX = new FeedRecorder<Tracked<QueueFeedEvent>>(X.client.mechanic.queueFeed, { lastEventId });
    const queueY = new FeedRecorder<Tracked<QueueFeedEvent>>(Y.client.mechanic.queueFeed, { lastEventId });

    // The observers' own sessions, each followed by its participants (session.feed replays from the start).
    const sA = await openSession(A);
    const feedA = new FeedRecorder<Tracked<SessionFeedEvent>>(A.client.session.feed, { sessionId: sA });
    const sB = await openSession(B, { type: 'credit' });
    const feedB = new FeedRecorder<Tracked<SessionFeedEvent>>(B.client.session.feed, { sessionId: sB });
    await accept(X, sA);
    const feedXA = new FeedRecorder<Tracked<SessionFeedEvent>>(X.client.session.feed, { sessionId: sA });
    await accept(Y, sB);
    const feedYB = new FeedRecorder<Tracked<SessionFeedEvent>>(Y.client.session.feed, { sessionId: sB });
    await Promise.all([queueX, queueY, feedA, feedB, feedXA, feedYB].map((f) => f.started()));

    // Everybody else's sessions go through every transition.
    const sC = await openSession(C);
    await accept(Z, sC);
    await Z.client.mechanic.startSession.mutate({ sessionId: sC });
    await C.client.customer.endSession.mutate({ sessionId: sC });
    const sD = await openSession(D);
    await D.client.customer.cancelSession.mutate({ sessionId: sD });
    const sE = await openSession(E);
    await accept(Z, sE);
    await E.client.customer.cancelSession.mutate({ sessionId: sE });
    const sC2 = await openSession(C, { type: 'credit' });
    await accept(Z, sC2);
    await Z.client.mechanic.startSession.mutate({ sessionId: sC2 });
    await Z.client.mechanic.endSession.mutate({ sessionId: sC2, summary: summary() });
    const sD2 = await openSession(D, { scheduledFor: new Date(Date.now() + 86_400_000) });
    await D.client.customer.cancelSession.mutate({ sessionId: sD2 });
    // The observers act on their own sessions meanwhile, and fail at others'.
    await X.client.mechanic.startSession.mutate({ sessionId: sA });
    await Y.client.mechanic.startSession.mutate({ sessionId: sB });
    await expect(B.client.customer.endSession.mutate({ sessionId: sA })).rejects.toBeInstanceOf(
      TRPCClientError,
    );
    await expect(
      Y.client.mechanic.endSession.mutate({ sessionId: sA, summary: summary() }),
    ).rejects.toBeInstanceOf(TRPCClientError);

    // Sentinels: the last events each observer may see. Events arrive in order,
    // so whatever was going to leak has arrived once these have.
    const sF = await openSession(F);
    await B.client.customer.endSession.mutate({ sessionId: sB });
    await X.client.mechanic.endSession.mutate({ sessionId: sA, summary: summary() });
    const endedOf = (sessionId: string) => (e: Tracked<SessionFeedEvent>) =>
      e.data.sessionId === sessionId && e.data.type === 'ended';
    const newF = (e: Tracked<QueueFeedEvent>) =>
      e.data.type === 'new_assignment' && queueSessionId(e.data) === sF;
    await Promise.all([
      queueX.find(newF),
      queueY.find(newF),
      feedA.find(endedOf(sA)),
      feedXA.find(endedOf(sA)),
      feedB.find(endedOf(sB)),
      feedYB.find(endedOf(sB)),
    ]);
    for (const feed of [queueX, queueY, feedA, feedB, feedXA, feedYB]) feed.stop();

    // session.feed: exactly the followed session's events, nothing of anyone else's.
    const received = {
      'A on sA': feedA.received.map(
        (e) => `${e.data.sessionId === sA ? 'sA' : e.data.sessionId} ${e.data.type}`,
      ),
      'X on sA': feedXA.received.map(
        (e) => `${e.data.sessionId === sA ? 'sA' : e.data.sessionId} ${e.data.type}`,
      ),
      'B on sB': feedB.received.map(
        (e) => `${e.data.sessionId === sB ? 'sB' : e.data.sessionId} ${e.data.type}`,
      ),
      'Y on sB': feedYB.received.map(
        (e) => `${e.data.sessionId === sB ? 'sB' : e.data.sessionId} ${e.data.type}`,
      ),
    };
    const typesOfA = (await eventTypesOf(sA)).map((type) => `sA ${type}`);
    const typesOfB = (await eventTypesOf(sB)).map((type) => `sB ${type}`);
    expect(received).toEqual({
      'A on sA': typesOfA,
      'X on sA': typesOfA,
      'B on sB': typesOfB,
      'Y on sB': typesOfB,
    });
    expect(typesOfA).toEqual(['sA created', 'sA assignment_accepted', 'sA started', 'sA ended']);
    // …and no user's identity in them either, but for the accepting mechanic's name (from the accept on).
    for (const [feed, mechanicOfIt] of [
      [feedA, X],
      [feedXA, X],
      [feedB, Y],
      [feedYB, Y],
    ] as const) {
      const json = JSON.stringify(feed.received);
      expect(
        identitiesIn(
          json,
          everyone.filter((p) => p !== mechanicOfIt),
        ),
      ).toEqual([]);
      expect(identitiesIn(json, [mechanicOfIt])).toEqual([`${mechanicOfIt.name}: ${mechanicOfIt.name}`]);
      expect(feed.received.map((e) => e.data.mechanicName)).toEqual(
        feed.received.map((e) => (e.data.type === 'created' ? null : mechanicOfIt.name)),
      );
    }

    // Queue feed: the same for every mechanic, exactly what the database says, no identities.
    const queueOf = (feed: FeedRecorder<Tracked<QueueFeedEvent>>) =>
      feed.received.map((e) => ({ type: e.data.type, sessionId: queueSessionId(e.data) }));
    const expectedQueue = await expectedQueueEvents(lastEventId!);
    expect(queueOf(queueX)).toEqual(expectedQueue);
    expect(queueOf(queueY)).toEqual(expectedQueue);
    expect(expectedQueue.map((e) => e.sessionId)).toEqual(
      expect.arrayContaining([sA, sB, sC, sD, sE, sC2, sF]),
    );
    expect(expectedQueue.map((e) => e.sessionId)).not.toContain(sD2); // scheduled, never queued
    for (const feed of [queueX, queueY]) {
      expect(identitiesIn(JSON.stringify(feed.received), everyone)).toEqual([]);
    }

    // Histories: each customer's own sessions, nobody else's.
    for (const person of [A, B, C, D, E, F, W]) {
      const page = await person.client.customer.history.query({ limit: 50 });
      const own = await t.database.sql<{ id: string }[]>`
        SELECT id FROM sessions WHERE customer_user_id = ${person.userId} ORDER BY created_at DESC, id DESC`;
      expect(
        page.items.map((s) => s.id),
        person.name,
      ).toEqual(own.map((r) => r.id));
    }
  });

  it('lets no extra field of the intake act for another user or set what the server decides', async () => {
    const A = await customer('Alice');
    const B = await customer('Bob');
    const before = await snapshot();
    const result = await A.client.intake.startSession.mutate({
      ...intake(),
      customerUserId: B.userId,
      userId: B.userId,
      status: 'live',
      chargedCredits: -5,
      chargedAmountCents: -100,
      stripeCheckoutSessionId: 'cs_forged',
      payment: { stripeCheckoutSessionId: 'cs_forged', amountCents: 0 },
      role: 'mechanic',
    } as never);
    expect(result).toMatchObject({
      kind: 'session',
      session: { type: 'free', status: 'pending', chargedCredits: 0, chargedAmountCents: 0 },
    });
    const sessionId = result.kind === 'session' ? result.session.id : '';
    const [row] = await t.database.sql<
      { customer_user_id: string; stripe_checkout_session_id: string | null }[]
    >`
      SELECT customer_user_id, stripe_checkout_session_id FROM sessions WHERE id = ${sessionId}`;
    expect(row).toEqual({ customer_user_id: A.userId, stripe_checkout_session_id: null });
    expect(await B.client.customer.activeSession.query()).toBeNull();
    const sessionCount = (digests: Record<string, string>) => Number(digests.sessions!.split(':')[0]);
    expect(sessionCount(await snapshot())).toBe(sessionCount(before) + 1);
  });
});
