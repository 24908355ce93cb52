import { SESSION_PRICES, timeZoneSchema } from '@autodoctor/session-core/rules';
import { z } from 'zod';
import { ANALYTICS_BUCKETS, ANALYTICS_LIMITS } from './limits.ts';

export { ANALYTICS_BUCKETS, ANALYTICS_LIMITS, type AnalyticsBucket } from './limits.ts';

const DAY_MS = 86_400_000;

/** What every panel takes: a range [from, to), the operator's IANA time zone and a bucket size. */
export const analyticsInputSchema = z
  .object({
    from: z.date(),
    to: z.date(),
    timeZone: timeZoneSchema,
    bucket: z.enum(ANALYTICS_BUCKETS),
    /** Money panels sum one currency only (amounts of different currencies never add up). */
    currency: z
      .string()
      .regex(/^[a-z]{3}$/, 'A lower-case ISO 4217 code, e.g. usd')
      .default(SESSION_PRICES.paid.currency),
  })
  .refine((input) => input.from.getTime() < input.to.getTime(), {
    message: '`from` must be before `to`',
    path: ['to'],
  })
  .refine((input) => input.to.getTime() - input.from.getTime() <= ANALYTICS_LIMITS.maxRangeDays * DAY_MS, {
    message: `A range is at most ${ANALYTICS_LIMITS.maxRangeDays} days`,
    path: ['to'],
  })
  .refine(
    (input) =>
      input.bucket !== 'hour' ||
      input.to.getTime() - input.from.getTime() <= ANALYTICS_LIMITS.maxHourBucketRangeDays * DAY_MS,
    {
      message: `Hour buckets only for ranges up to ${ANALYTICS_LIMITS.maxHourBucketRangeDays} days`,
      path: ['bucket'],
    },
  );

export type AnalyticsInput = z.input<typeof analyticsInputSchema>;
export type ParsedAnalyticsInput = z.output<typeof analyticsInputSchema>;

/** A refused analytics request: nothing was computed. `issues` says what, field by field. */
export class AnalyticsInputError extends Error {
  readonly code = 'INVALID_ANALYTICS_INPUT';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid analytics input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'AnalyticsInputError';
  }
}

/** Parses a panel's input, or throws an `AnalyticsInputError`. */
export function parseAnalyticsInput(input: unknown): ParsedAnalyticsInput {
  const parsed = analyticsInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AnalyticsInputError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(input)',
        message: issue.message,
      })),
    );
  return parsed.data;
}
