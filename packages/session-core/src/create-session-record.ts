import {
  ACTIVE_SESSION_STATUSES,
  isConstraintViolation,
  sessionAssignments,
  sessionEvents,
  sessionParticipants,
  sessions,
  SqlState,
  type Database,
  type Transaction,
} from '@autodoctor/db';
import { and, eq, inArray } from 'drizzle-orm';
import { debitCredits } from './credits.ts';
import { ActiveSessionConflictError, CustomerNotFoundError, InvalidSessionInputError } from './errors.ts';
import {
  createSessionInputSchema,
  type CreateSessionInput,
  type ParsedCreateSessionInput,
} from './rules/intake.ts';
import { SESSION_PRICES } from './rules/pricing.ts';
import type { Assignment, Session } from './types.ts';

/** What `createSessionRecord` returns: the session and its queued assignment. */
export interface CreatedSessionRecord {
  session: Session;
  assignment: Assignment;
  /** False when a paid session for this Stripe checkout already existed and was returned as is. */
  created: boolean;
}

// A conflicting session can end between the failed insert and the look-up of
// its id; then the insert is simply tried again.
const MAX_ATTEMPTS = 3;

/**
 * The one way to create a session — free, credit or paid.
 *
 * In one transaction it writes the session (`pending`, or `scheduled` when a
 * future start is given), the customer's participant row, a `queued`
 * assignment and a `created` event; a credit session also debits its credits
 * through the ledger. Either all of it is written or nothing is.
 *
 * - A paid session is idempotent on `payment.stripeCheckoutSessionId`: calling
 *   again with the same id returns the existing session with `created: false`.
 * - A customer who already has an active session gets
 *   {@link ActiveSessionConflictError} with that session's id. The partial
 *   unique index `uq_active_session_per_customer` decides, so concurrent calls
 *   cannot both win.
 *
 * @throws {InvalidSessionInputError} the input breaks an intake rule; nothing was read or written
 * @throws {CustomerNotFoundError} no such user, or the user is not a customer
 * @throws {InsufficientCreditsError} a credit session with a balance below its price
 * @throws {ActiveSessionConflictError} the customer already has an active session
 *
 * @example
 * const { session } = await createSessionRecord(db, {
 *   type: 'free',
 *   customerUserId: user.id,
 *   vehicle: { year: 2018, make: 'Honda', model: 'Civic' },
 *   concern: 'Grinding noise when braking',
 * });
 */
export async function createSessionRecord(
  db: Database,
  input: CreateSessionInput,
): Promise<CreatedSessionRecord> {
  const parsed = createSessionInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => writeSessionRecord(tx, parsed.data));
    } catch (error) {
      if (!isConstraintViolation(error, SqlState.uniqueViolation, 'uq_active_session_per_customer')) {
        throw translateWriteError(error, parsed.data.customerUserId);
      }
      // A concurrent delivery of the same paid checkout may have won the race.
      const existing =
        parsed.data.type === 'paid'
          ? await findPaidRecord(db, parsed.data.payment.stripeCheckoutSessionId)
          : undefined;
      if (existing) return existing;
      const active = await findActiveSessionId(db, parsed.data.customerUserId);
      if (active) throw new ActiveSessionConflictError(active);
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function writeSessionRecord(
  tx: Transaction,
  input: ParsedCreateSessionInput,
): Promise<CreatedSessionRecord> {
  const price = SESSION_PRICES[input.type];
  const payment = input.type === 'paid' ? input.payment : undefined;
  const values = {
    type: input.type,
    status: input.scheduledFor ? ('scheduled' as const) : ('pending' as const),
    customerUserId: input.customerUserId,
    vehicleYear: input.vehicle.year,
    vehicleMake: input.vehicle.make,
    vehicleModel: input.vehicle.model,
    vehicleVin: input.vehicle.vin ?? null,
    concern: input.concern,
    scheduledFor: input.scheduledFor ?? null,
    chargedCredits: price.credits,
    chargedAmountCents: payment?.amountCents ?? 0,
    currency: payment?.currency ?? null,
    stripeCheckoutSessionId: payment?.stripeCheckoutSessionId ?? null,
  };
  const inserted = payment
    ? await tx
        .insert(sessions)
        .values(values)
        .onConflictDoNothing({ target: sessions.stripeCheckoutSessionId })
        .returning()
    : await tx.insert(sessions).values(values).returning();
  const session = inserted[0];
  if (!session) {
    // Only a paid session skips the insert: its checkout was already fulfilled.
    const existing = await findPaidRecord(tx, payment!.stripeCheckoutSessionId);
    if (!existing)
      throw new Error(`Checkout ${payment!.stripeCheckoutSessionId} conflicted but has no session`);
    return existing;
  }

  if (price.credits > 0) await debitCredits(tx, session.customerUserId, price.credits, session.id);
  // The dependent rows in one statement (data-modifying CTEs): one round trip.
  const participant = tx
    .$with('participant')
    .as(
      tx
        .insert(sessionParticipants)
        .values({ sessionId: session.id, userId: session.customerUserId, role: 'customer' }),
    );
  const created = tx.$with('created_event').as(
    tx.insert(sessionEvents).values({
      sessionId: session.id,
      type: 'created',
      actorUserId: session.customerUserId,
      payload: {
        sessionType: session.type,
        status: session.status,
        chargedCredits: session.chargedCredits,
        chargedAmountCents: session.chargedAmountCents,
        ...(session.scheduledFor ? { scheduledFor: session.scheduledFor.toISOString() } : {}),
      },
    }),
  );
  const [assignment] = await tx
    .with(participant, created)
    .insert(sessionAssignments)
    .values({ sessionId: session.id })
    .returning();
  return { session, assignment: assignment!, created: true };
}

async function findPaidRecord(
  db: Database | Transaction,
  stripeCheckoutSessionId: string,
): Promise<CreatedSessionRecord | undefined> {
  const [row] = await db
    .select({ session: sessions, assignment: sessionAssignments })
    .from(sessions)
    .innerJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessions.id))
    .where(eq(sessions.stripeCheckoutSessionId, stripeCheckoutSessionId));
  return row ? { ...row, created: false } : undefined;
}

async function findActiveSessionId(db: Database, customerUserId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(eq(sessions.customerUserId, customerUserId), inArray(sessions.status, ACTIVE_SESSION_STATUSES)),
    );
  return row?.id;
}

function translateWriteError(error: unknown, customerUserId: string): unknown {
  if (
    isConstraintViolation(error, SqlState.foreignKeyViolation, 'sessions_customer_user_id_users_id_fk') ||
    isConstraintViolation(error, SqlState.foreignKeyViolation, 'fk_session_participants_user_role')
  ) {
    return new CustomerNotFoundError(customerUserId);
  }
  return error;
}
