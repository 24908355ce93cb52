import { z } from 'zod';
import { SESSION_PRICES, SESSION_TYPES } from './pricing.ts';
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

// Every message below is what the customer reads under the field (the API sends the same ones
// back): ours, saying what to do, never the validation library's own words.

/** The longest vehicle make and model the intake takes. */
export const VEHICLE_NAME_MAX_LENGTH = 60;

const name = (field: string, example: string) =>
  z
    .string({ error: `Enter the ${field}, e.g. ${example}` })
    .trim()
    .min(1, `Enter the ${field}, e.g. ${example}`)
    .max(VEHICLE_NAME_MAX_LENGTH, `Shorten the ${field} to ${VEHICLE_NAME_MAX_LENGTH} characters or fewer`)
    .regex(NO_CONTROL_CHARACTERS, `Remove the control characters from the ${field}`);

/** The vehicle a customer asks about. */
export const vehicleSchema = z.object(
  {
    year: z
      .number({ error: 'Enter the model year, e.g. 2017' })
      .int('Enter the model year as a whole number, e.g. 2017')
      .min(FIRST_CAR_YEAR, `Enter a year from ${FIRST_CAR_YEAR} on`)
      .refine((year) => year <= new Date().getUTCFullYear() + 1, 'Enter a year no later than next year'),
    make: name('make', 'Honda'),
    model: name('model', 'Civic'),
    vin: z
      .string({ error: 'Enter the VIN: 17 letters and digits' })
      .trim()
      .toUpperCase()
      .regex(VIN, 'Enter the 17 letters and digits of the VIN (a VIN never has I, O or Q)')
      // Checked where it is mandatory: VINs of North American manufacture (first character 1–5).
      .refine(hasValidCheckDigit, VIN_CHECK_DIGIT_MESSAGE)
      .optional(),
  },
  { error: 'Enter the vehicle: its year, make and model' },
);

const PHOTO_NOT_ATTACHED = 'A photo could not be attached: remove it and add it again';

/** What the customer fills in to start a session, whatever its type. */
export const intakeSchema = z.object({
  vehicle: vehicleSchema,
  concern: z
    .string({ error: `Describe the problem in at least ${CONCERN_MIN_LENGTH} characters` })
    .trim()
    .min(CONCERN_MIN_LENGTH, `Describe the problem in at least ${CONCERN_MIN_LENGTH} characters`)
    .max(CONCERN_MAX_LENGTH, `Shorten the description to ${CONCERN_MAX_LENGTH} characters or fewer`)
    .regex(NO_CONTROL_CHARACTERS_BUT_LINES, 'Remove the control characters from the description'),
  /** A future start makes the session `scheduled`; absent means now. A Date or an ISO 8601 string. */
  scheduledFor: z.coerce
    .date<Date | string>({ error: 'Pick a date and time' })
    .refine((date) => date.getTime() > Date.now(), 'Pick a start in the future')
    .refine(
      (date) => date.getTime() <= Date.now() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000,
      `Pick a start within ${MAX_SCHEDULE_AHEAD_DAYS} days from now`,
    )
    .optional(),
  /**
   * Photos the customer uploaded with the intake (`POST /api/photos?for=intake`); they are
   * attached to the new session in the transaction that creates it.
   */
  photoIds: z
    .array(z.uuid({ error: PHOTO_NOT_ATTACHED }), { error: PHOTO_NOT_ATTACHED })
    .max(ROOM_LIMITS.intakePhotosMax, `Attach at most ${ROOM_LIMITS.intakePhotosMax} photos`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each photo can be attached once')
    .optional(),
});
export type Intake = z.input<typeof intakeSchema>;

/** How the customer pays for a session (the intake's choice). */
export const sessionTypeSchema = z.enum(SESSION_TYPES, { error: 'Choose how to pay' });

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
