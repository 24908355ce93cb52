import {
  ACTIVE_SESSION_STATUSES,
  fromRow,
  isConstraintViolation,
  sessionAssignments,
  sessions,
  SqlState,
  type Database,
} from '@autodoctor/db';
import { and, eq, inArray } from 'drizzle-orm';
import type postgres from 'postgres';
import { debitCredits } from './credits.ts';
import { enqueueMailOn } from './notifications/enqueue-mail.ts';
import { mailDedupeKey, vehicleSummaryOf } from './notifications/session-mail.ts';
import {
  ActiveSessionConflictError,
  CustomerNotFoundError,
  FreeSessionUsedError,
  IntakePhotosNotAvailableError,
  InvalidSessionInputError,
} from './errors.ts';
import { intakePhotosColumn, type StoredPhoto } from './queries/photo-ref.ts';
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
  /** The photos attached to the intake (`photoIds`), oldest first. */
  intakePhotos: StoredPhoto[];
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
 * - `photoIds` (the customer's intake uploads) are attached to the session by
 *   a conditional UPDATE in the same transaction: only the customer's own
 *   uploads that are attached nowhere yet. If any is not, nothing is written
 *   ({@link IntakePhotosNotAvailableError}); a concurrent intake or message
 *   naming the same photo is decided by the row lock (one of them gets it).
 * - A customer who already has an active session gets
 *   {@link ActiveSessionConflictError} with that session's id. The partial
 *   unique index `uq_active_session_per_customer` decides, so concurrent calls
 *   cannot both win.
 *
 * @throws {InvalidSessionInputError} the input breaks an intake rule; nothing was read or written
 * @throws {CustomerNotFoundError} no such user, or the user is not a customer
 * @throws {InsufficientCreditsError} a credit session with a balance below its price
 * @throws {ActiveSessionConflictError} the customer already has an active session
 * @throws {IntakePhotosNotAvailableError} a photo of `photoIds` is not the customer's unattached upload
 * @throws {FreeSessionUsedError} a free session when the customer's one free session is used up
 *   (the partial unique index `uq_free_session_per_customer` decides; see `usesFreeSession`)
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
  const checkoutId = parsed.data.type === 'paid' ? parsed.data.payment.stripeCheckoutSessionId : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const created = needsTransaction(parsed.data)
        ? await db.$client.begin((tx) => writeSessionRecord(tx, parsed.data))
        : await insertSessionRecord(db.$client, parsed.data);
      if (created) return created;
      // Nothing written: a paid session whose checkout was already fulfilled.
      const existing = checkoutId ? await findPaidRecord(db, checkoutId) : undefined;
      if (existing) return existing;
      throw new Error(`Checkout ${checkoutId} conflicted but has no session`);
    } catch (error) {
      if (!isConstraintViolation(error, SqlState.uniqueViolation, 'uq_active_session_per_customer')) {
        throw translateWriteError(error, parsed.data.customerUserId);
      }
      // A concurrent delivery of the same paid checkout may have won the race.
      const existing = checkoutId ? await findPaidRecord(db, checkoutId) : undefined;
      if (existing) return existing;
      const active = await findActiveSessionId(db, parsed.data.customerUserId);
      if (active) throw new ActiveSessionConflictError(active);
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

// The hottest write of the product (every intake), so it is hand-written SQL on postgres.js:
// prepared statements, one round trip each, where Drizzle's query building cost more CPU than the
// database work (see `pnpm bench:core`). Rows come back through `fromRow`, typed and decoded by the
// Drizzle schema. Everything else in session-core uses Drizzle.

/**
 * A debit or photos to attach may refuse the session after its insert, and a card payment's
 * receipt is written with it: those take a transaction.
 */
function needsTransaction(input: ParsedCreateSessionInput): boolean {
  return input.type === 'paid' || SESSION_PRICES[input.type].credits > 0 || (input.photoIds?.length ?? 0) > 0;
}

function sessionValues(input: ParsedCreateSessionInput) {
  const price = SESSION_PRICES[input.type];
  const payment = input.type === 'paid' ? input.payment : undefined;
  const values = {
    type: input.type,
    status: input.scheduledFor ? ('scheduled' as const) : ('pending' as const),
    chargedCredits: price.credits,
    chargedAmountCents: payment?.amountCents ?? 0,
    currency: payment?.currency ?? null,
    stripeCheckoutSessionId: payment?.stripeCheckoutSessionId ?? null,
  };
  /** The `created` event's payload. */
  const createdPayload = {
    sessionType: values.type,
    status: values.status,
    chargedCredits: values.chargedCredits,
    chargedAmountCents: values.chargedAmountCents,
    ...(input.scheduledFor ? { scheduledFor: input.scheduledFor.toISOString() } : {}),
  };
  return { values, createdPayload };
}

/**
 * The session and its participant, event and assignment in one statement (data-modifying CTEs):
 * atomic without a transaction, in one round trip (also the first step of `writeSessionRecord`).
 * Undefined when a paid session's checkout already has its session (nothing written).
 */
async function insertSessionRecord(
  sql: postgres.Sql | postgres.TransactionSql,
  input: ParsedCreateSessionInput,
): Promise<CreatedSessionRecord | undefined> {
  const { values, createdPayload } = sessionValues(input);
  const [row] = await sql<{ session: Record<string, unknown>; assignment: Record<string, unknown> }[]>`
    WITH created AS (
      INSERT INTO sessions (type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model,
                            vehicle_vin, concern, scheduled_for, charged_credits, charged_amount_cents,
                            currency, stripe_checkout_session_id)
      VALUES (${values.type}, ${values.status}, ${input.customerUserId},
              ${input.vehicle.year}, ${input.vehicle.make}, ${input.vehicle.model}, ${input.vehicle.vin ?? null},
              ${input.concern}, ${input.scheduledFor?.toISOString() ?? null}, ${values.chargedCredits},
              ${values.chargedAmountCents}, ${values.currency}, ${values.stripeCheckoutSessionId})
      ON CONFLICT (stripe_checkout_session_id) DO NOTHING
      RETURNING *
    ), participant AS (
      INSERT INTO session_participants (session_id, user_id, role)
      SELECT id, customer_user_id, 'customer' FROM created
    ), created_event AS (
      INSERT INTO session_events (session_id, type, actor_user_id, payload)
      SELECT id, 'created', customer_user_id, ${JSON.stringify(createdPayload)}::jsonb FROM created
    ), assignment AS (
      INSERT INTO session_assignments (session_id) SELECT id FROM created
      RETURNING *
    )
    SELECT to_jsonb(created) AS session, (SELECT to_jsonb(assignment) FROM assignment) AS assignment
    FROM created`;
  if (!row) return undefined;
  return {
    session: fromRow(sessions, row.session),
    assignment: fromRow(sessionAssignments, row.assignment),
    created: true,
    intakePhotos: [],
  };
}

/** The same statement in a transaction, then the credit debit and the intake photos (either may refuse it). */
async function writeSessionRecord(
  tx: postgres.TransactionSql,
  input: ParsedCreateSessionInput,
): Promise<CreatedSessionRecord | undefined> {
  const created = await insertSessionRecord(tx, input);
  // Only a paid session can skip the insert: its checkout id already has a session.
  if (!created) return undefined;
  const { session } = created;
  if (session.chargedCredits > 0) {
    await debitCredits(tx, session.customerUserId, session.chargedCredits, session.id);
  }
  const intakePhotos = input.photoIds?.length
    ? await attachIntakePhotos(tx, session.id, session.customerUserId, input.photoIds)
    : [];
  if (input.type === 'paid') await enqueuePaymentReceipt(tx, session, input.payment.stripeCheckoutSessionId);
  return { ...created, intakePhotos };
}

/** The customer's receipt of a card-paid session, written with the session (once per checkout: it is made once). */
async function enqueuePaymentReceipt(
  tx: postgres.TransactionSql,
  session: Session,
  stripeCheckoutSessionId: string,
): Promise<void> {
  const [customer] = await tx<
    { name: string }[]
  >`SELECT name FROM users WHERE id = ${session.customerUserId}`;
  await enqueueMailOn(tx, {
    kind: 'session_payment_receipt',
    userId: session.customerUserId,
    dedupeKey: mailDedupeKey('session_payment_receipt', session.id, session.customerUserId),
    payload: {
      sessionId: session.id,
      vehicleSummary: vehicleSummaryOf(session),
      customerName: customer?.name ?? '',
      amountCents: session.chargedAmountCents,
      currency: session.currency ?? 'usd',
      paidAt: session.createdAt.toISOString(),
      paymentReference: stripeCheckoutSessionId,
    },
  });
}

/**
 * Attaches the customer's unattached uploads to the new session; throwing rolls the whole
 * session back. Uploads sent in a room or attached to another intake are not matched.
 */
async function attachIntakePhotos(
  tx: postgres.TransactionSql,
  sessionId: string,
  customerUserId: string,
  photoIds: string[],
): Promise<StoredPhoto[]> {
  // In upload order, as the session's reads list them (intakePhotosColumn).
  const attached = await tx<StoredPhoto[]>`
    WITH attached AS (
      UPDATE room_photos SET session_id = ${sessionId}, from_intake = true
      WHERE id = ANY(${tx.array(photoIds)}::uuid[]) AND uploader_user_id = ${customerUserId}
        AND session_id IS NULL AND entry_id IS NULL
      RETURNING id, width, height, created_at
    )
    SELECT id, width, height FROM attached ORDER BY created_at, id`;
  if (attached.length < photoIds.length) {
    const found = new Set(attached.map((photo) => photo.id));
    throw new IntakePhotosNotAvailableError(photoIds.filter((id) => !found.has(id)));
  }
  return [...attached];
}

async function findPaidRecord(
  db: Database,
  stripeCheckoutSessionId: string,
): Promise<CreatedSessionRecord | undefined> {
  const [row] = await db
    .select({
      session: sessions,
      assignment: sessionAssignments,
      intakePhotos: intakePhotosColumn(sessions.id),
    })
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
  if (isConstraintViolation(error, SqlState.uniqueViolation, 'uq_free_session_per_customer')) {
    return new FreeSessionUsedError(customerUserId);
  }
  if (
    isConstraintViolation(error, SqlState.foreignKeyViolation, 'sessions_customer_user_id_users_id_fk') ||
    isConstraintViolation(error, SqlState.foreignKeyViolation, 'fk_session_participants_user_role')
  ) {
    return new CustomerNotFoundError(customerUserId);
  }
  return error;
}
