import { z } from 'zod';
import { SESSION_PRICES } from './pricing.ts';
import { ROOM_LIMITS } from './room.ts';
import { hasValidCheckDigit, VIN_CHECK_DIGIT_MESSAGE } from './vin.ts';

// VINs are 17 characters and never use I, O or Q (ISO 3779).
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const FIRST_CAR_YEAR = 1886;
/** The shortest and longest concern the intake takes (after trimming). */
export const CONCERN_MIN_LENGTH = 10;
export const CONCERN_MAX_LENGTH = 2000;

/** How far ahead a session can be booked. */
export const MAX_SCHEDULE_AHEAD_DAYS = 365;

// PostgreSQL text cannot hold NUL, and no control character belongs in a name.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
// Free text may have line breaks and tabs, nothing else of the kind.
const NO_CONTROL_CHARACTERS_BUT_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

const name = (max: number) =>
  z.string().trim().min(1).max(max).regex(NO_CONTROL_CHARACTERS, 'Must not contain control characters');

/** The vehicle a customer asks about. */
export const vehicleSchema = z.object({
  year: z
    .number()
    .int()
    .min(FIRST_CAR_YEAR)
    .refine((year) => year <= new Date().getUTCFullYear() + 1, 'Year cannot be more than next year'),
  make: name(60),
  model: name(60),
  vin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(VIN, 'VIN must be 17 letters and digits, without I, O or Q')
    // Checked where it is mandatory: VINs of North American manufacture (first character 1–5).
    .refine(hasValidCheckDigit, VIN_CHECK_DIGIT_MESSAGE)
    .optional(),
});

/** What the customer fills in to start a session, whatever its type. */
export const intakeSchema = z.object({
  vehicle: vehicleSchema,
  concern: z
    .string()
    .trim()
    .min(CONCERN_MIN_LENGTH, `Describe the problem in at least ${CONCERN_MIN_LENGTH} characters`)
    .max(CONCERN_MAX_LENGTH, `Keep the description under ${CONCERN_MAX_LENGTH} characters`)
    .regex(NO_CONTROL_CHARACTERS_BUT_LINES, 'Must not contain control characters'),
  /** A future start makes the session `scheduled`; absent means now. A Date or an ISO 8601 string. */
  scheduledFor: z.coerce
    .date<Date | string>()
    .refine((date) => date.getTime() > Date.now(), 'A scheduled start must be in the future')
    .refine(
      (date) => date.getTime() <= Date.now() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000,
      `A scheduled start must be within ${MAX_SCHEDULE_AHEAD_DAYS} days`,
    )
    .optional(),
  /**
   * Photos the customer uploaded with the intake (`POST /api/photos?for=intake`); they are
   * attached to the new session in the transaction that creates it.
   */
  photoIds: z
    .array(z.uuid())
    .max(ROOM_LIMITS.intakePhotosMax, `Attach at most ${ROOM_LIMITS.intakePhotosMax} photos`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each photo can be attached once')
    .optional(),
});
export type Intake = z.input<typeof intakeSchema>;

/** The card payment behind a paid session, as Stripe reported it. */
export const paymentSchema = z.object({
  stripeCheckoutSessionId: z.string().trim().min(1).max(255),
  amountCents: z.number().int().min(0).default(SESSION_PRICES.paid.amountCents),
  currency: z.string().trim().toLowerCase().length(3).default(SESSION_PRICES.paid.currency),
});

const customer = { customerUserId: z.string().min(1) };

/** Input of `createSessionRecord`, one variant per session type. */
export const createSessionInputSchema = z.discriminatedUnion('type', [
  intakeSchema.extend({ type: z.literal('free'), ...customer }),
  intakeSchema.extend({ type: z.literal('credit'), ...customer }),
  intakeSchema.extend({ type: z.literal('paid'), ...customer, payment: paymentSchema }),
]);
export type CreateSessionInput = z.input<typeof createSessionInputSchema>;
export type ParsedCreateSessionInput = z.output<typeof createSessionInputSchema>;
