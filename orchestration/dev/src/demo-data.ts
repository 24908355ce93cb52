import { ensurePasswordLogin } from '@autodoctor/api';
import { sessions, users, type Database } from '@autodoctor/db';
import {
  acceptAssignment,
  cancelSession,
  createSessionRecord,
  decideQuote,
  endSession,
  expireOrphanedSessions,
  grantCredits,
  rateSession,
  recordPayout,
  saveQuoteDraft,
  sendQuote,
  startSession,
  type CreatedSessionRecord,
  type CreateSessionInput,
  type QuoteDraftInput,
  type QuoteView,
} from '@autodoctor/session-core';
import { eq, inArray, sql } from '@autodoctor/db/orm';

/** The demo accounts; e-mail addresses are the stable keys that make seeding repeatable. */
export const DEMO_USERS = [
  { key: 'alice', name: 'Alice Martin', role: 'customer', credits: 5 },
  { key: 'bob', name: 'Bob Nguyen', role: 'customer', credits: 0 },
  { key: 'carol', name: 'Carol Schmidt', role: 'customer', credits: 3 },
  { key: 'dave', name: 'Dave Okafor', role: 'customer', credits: 0 },
  { key: 'erin', name: 'Erin Rossi', role: 'customer', credits: 2 },
  { key: 'frank', name: 'Frank Dubois', role: 'customer', credits: 0 },
  { key: 'grace', name: 'Grace Kim', role: 'customer', credits: 1 },
  { key: 'mike', name: 'Mike Torres', role: 'mechanic', credits: 0 },
  { key: 'maria', name: 'Maria Silva', role: 'mechanic', credits: 0 },
  { key: 'max', name: 'Max Weber', role: 'mechanic', credits: 0 },
  { key: 'olga', name: 'Olga Berg', role: 'operator', credits: 0 },
] as const;

type DemoKey = (typeof DEMO_USERS)[number]['key'];

/** A demo session's intake; the customer is named by their demo key. */
type DemoSessionInput = CreateSessionInput extends infer T
  ? T extends unknown
    ? Omit<T, 'customerUserId'>
    : never
  : never;

export const demoEmail = (key: DemoKey) => `${key}@demo.autodoctor.test`;

/** Every demo user signs in with this password (demo data only). */
export const DEMO_PASSWORD = 'autodoctor-demo';

export interface DemoSummary {
  usersCreated: number;
  sessionsCreated: number;
  /** Sessions per status in the whole database after seeding. */
  sessionsByStatus: Record<string, number>;
}

const vehicles = {
  civic: { year: 2018, make: 'Honda', model: 'Civic' },
  golf: { year: 2015, make: 'Volkswagen', model: 'Golf', vin: 'WVWZZZAUZFW123456' },
  f150: { year: 2021, make: 'Ford', model: 'F-150' },
  model3: { year: 2022, make: 'Tesla', model: 'Model 3' },
  corolla: { year: 2012, make: 'Toyota', model: 'Corolla' },
  outback: { year: 2019, make: 'Subaru', model: 'Outback' },
};

/** A brake job as a mechanic would quote it: parts, labour and a fee, tax 8.25 %. */
const BRAKE_QUOTE: QuoteDraftInput = {
  taxRateBps: 825,
  workshopName: 'Torres Auto Repair',
  workshopAddress: '48 Harbour Road, Springfield',
  note: 'Pads and discs are in stock; the job takes about two hours.',
  lines: [
    { kind: 'part', description: 'Front brake pads (ceramic)', quantityMilli: 1000, unitPriceCents: 6_400 },
    { kind: 'part', description: 'Front brake discs, pair', quantityMilli: 1000, unitPriceCents: 11_800 },
    {
      kind: 'labour',
      description: 'Fit pads and discs, bleed the brakes',
      quantityMilli: 2000,
      unitPriceCents: 9_500,
    },
  ],
};

/**
 * Writes the demo data: customers with and without credits, mechanics, and
 * sessions in every status (all made through session-core, as the product
 * makes them). Safe to run again: existing users are kept and a customer who
 * already has sessions gets no new ones.
 */
export async function seedDemoData(db: Database): Promise<DemoSummary> {
  const ids = {} as Record<DemoKey, string>;
  let usersCreated = 0;
  for (const demo of DEMO_USERS) {
    const [created] = await db
      .insert(users)
      .values({ name: demo.name, email: demoEmail(demo.key), role: demo.role, emailVerified: true })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (created) {
      usersCreated++;
      // Granted with the account only, so a second run adds nothing.
      if (demo.credits > 0) await grantCredits(db, created.id, demo.credits);
    }
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail(demo.key)));
    ids[demo.key] = row!.id;
    // Also for users of a database seeded before accounts had passwords.
    await ensurePasswordLogin(db, row!.id, DEMO_PASSWORD);
  }

  const untouched = new Set(Object.values(ids));
  const withSessions = await db
    .selectDistinct({ id: sessions.customerUserId })
    .from(sessions)
    .where(inArray(sessions.customerUserId, Object.values(ids)));
  for (const { id } of withSessions) untouched.delete(id);
  const fresh = (key: DemoKey) => untouched.has(ids[key]);
  let sessionsCreated = 0;
  const create = async (customer: DemoKey, input: DemoSessionInput) => {
    sessionsCreated++;
    return createSessionRecord(db, { ...input, customerUserId: ids[customer] });
  };
  const as = (key: DemoKey, sessionId: string) => ({ sessionId, actorUserId: ids[key] });
  /** Accepted by `mechanic` and started: live. */
  const goLive = async (created: CreatedSessionRecord, mechanic: DemoKey) => {
    await acceptAssignment(db, { assignmentId: created.assignment.id, mechanicUserId: ids[mechanic] });
    await startSession(db, as(mechanic, created.session.id));
  };
  /** Ended by `endedBy`, then moved `hoursAgo` into the past. */
  const endAgo = async (created: CreatedSessionRecord, endedBy: DemoKey, hoursAgo: number) => {
    await endSession(db, as(endedBy, created.session.id));
    await backdate(db, created.session.id, hoursAgo);
  };

  /** `mechanic` writes and sends a quote of the session. */
  const sendDemoQuote = async (mechanic: DemoKey, sessionId: string, quote: QuoteDraftInput) => {
    const draft = await saveQuoteDraft(db, { mechanicUserId: ids[mechanic], sessionId, quote });
    return sendQuote(db, { mechanicUserId: ids[mechanic], quoteId: draft.id });
  };

  // Grace: history only — one ended (her one free session), one cancelled, one expired. Mike
  // quoted the ended one and she approved two of its three lines (his bonus), then rated it.
  if (fresh('grace')) {
    const ended = await create('grace', {
      type: 'free',
      vehicle: vehicles.corolla,
      concern: 'Battery light flickers at idle',
    });
    await goLive(ended, 'mike');
    await endAgo(ended, 'grace', 24 * 7);
    const quote: QuoteView = await sendDemoQuote('mike', ended.session.id, {
      ...BRAKE_QUOTE,
      note: 'The alternator is fine; the battery is at the end of its life.',
      lines: [
        { kind: 'part', description: 'Battery 12 V 60 Ah', quantityMilli: 1000, unitPriceCents: 14_900 },
        {
          kind: 'labour',
          description: 'Fit the battery, reset the electronics',
          quantityMilli: 500,
          unitPriceCents: 9_500,
        },
        { kind: 'fee', description: 'Old battery recycling', quantityMilli: 1000, unitPriceCents: 500 },
      ],
    });
    await decideQuote(db, {
      customerUserId: ids.grace,
      quoteId: quote.id,
      decisions: quote.lines.map((line) => ({ lineId: line.id, approved: line.kind !== 'fee' })),
      signatureName: 'Grace Kim',
    });
    await rateSession(db, {
      customerUserId: ids.grace,
      sessionId: ended.session.id,
      stars: 5,
      comment: 'Found the problem in ten minutes.',
    });
    await recordPayout(db, {
      mechanicUserId: ids.mike,
      amountCents: 500,
      reference: 'DEMO-TRANSFER-1',
      recordedBy: 'demo-data',
    });

    const cancelled = await create('grace', {
      type: 'credit',
      vehicle: vehicles.corolla,
      concern: 'Wipers stop halfway across the windscreen',
    });
    await cancelSession(db, as('grace', cancelled.session.id));
    await backdate(db, cancelled.session.id, 24 * 3);

    const expired = await create('grace', {
      type: 'credit',
      vehicle: vehicles.corolla,
      concern: 'Rattle from the exhaust on cold starts',
    });
    await backdate(db, expired.session.id, 5);
    await expireOrphanedSessions(db);
  }

  // Alice: a live consultation with Mike, after an ended one.
  if (fresh('alice')) {
    const earlier = await create('alice', {
      type: 'credit',
      vehicle: vehicles.civic,
      concern: 'Air conditioning blows warm air',
    });
    await goLive(earlier, 'maria');
    await endAgo(earlier, 'maria', 24 * 14);

    const live = await create('alice', {
      type: 'free',
      vehicle: vehicles.civic,
      concern: 'Grinding noise from the front brakes when stopping',
    });
    await goLive(live, 'mike');
    // Waiting on her dashboard for a decision.
    await sendDemoQuote('mike', live.session.id, BRAKE_QUOTE);
  }

  // Bob: accepted by Maria, waiting for the call to start.
  if (fresh('bob')) {
    const waiting = await create('bob', {
      type: 'paid',
      vehicle: vehicles.golf,
      concern: 'Check engine light on, car hesitates when accelerating',
      payment: { stripeCheckoutSessionId: 'cs_demo_bob_waiting' },
    });
    await acceptAssignment(db, { assignmentId: waiting.assignment.id, mechanicUserId: ids.maria });
  }

  // The queue: three pending sessions of each type.
  if (fresh('carol')) {
    await create('carol', {
      type: 'credit',
      vehicle: vehicles.f150,
      concern: 'Transmission slips between second and third gear',
    });
  }
  if (fresh('erin')) {
    await create('erin', {
      type: 'paid',
      vehicle: vehicles.model3,
      concern: 'Tyre pressure warning keeps coming back after inflating',
      payment: { stripeCheckoutSessionId: 'cs_demo_erin_pending' },
    });
  }
  // Frank: a card-paid consultation with Max last month (his 2 % referral fee), then the queue.
  if (fresh('frank')) {
    const paid = await create('frank', {
      type: 'paid',
      vehicle: vehicles.outback,
      concern: 'Clunk from the rear suspension over speed bumps',
      payment: { stripeCheckoutSessionId: 'cs_demo_frank_ended', amountCents: 2900, currency: 'usd' },
    });
    await goLive(paid, 'max');
    await endAgo(paid, 'max', 24 * 30);
    await create('frank', {
      type: 'free',
      vehicle: vehicles.outback,
      concern: 'Steering wheel vibrates above 100 km/h',
    });
  }

  // Dave: booked for tomorrow morning.
  if (fresh('dave')) {
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    tomorrow.setUTCHours(9, 0, 0, 0);
    await create('dave', {
      type: 'free',
      vehicle: vehicles.golf,
      concern: 'Pre-purchase questions about a used Golf',
      scheduledFor: tomorrow,
    });
  }

  const counts = await db
    .select({ status: sessions.status, count: sql<number>`count(*)::int` })
    .from(sessions)
    .groupBy(sessions.status);
  return {
    usersCreated,
    sessionsCreated,
    sessionsByStatus: Object.fromEntries(counts.map((row) => [row.status, row.count])),
  };
}

/**
 * Moves a demo session's timestamps `hours` into the past so that histories
 * and queues look lived-in. Demo data only: the product never rewrites time.
 */
async function backdate(db: Database, sessionId: string, hours: number): Promise<void> {
  const shift = sql`make_interval(hours => ${hours})`;
  await db
    .update(sessions)
    .set({
      createdAt: sql`${sessions.createdAt} - ${shift}`,
      startedAt: sql`${sessions.startedAt} - ${shift}`,
      endedAt: sql`${sessions.endedAt} - ${shift}`,
    })
    .where(eq(sessions.id, sessionId));
}
