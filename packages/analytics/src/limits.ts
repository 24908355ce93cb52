// No imports: the console (a browser app) reads these too.

/** The bounds of a request: one source of truth for the schema, the README and the API's limits. */
export const ANALYTICS_LIMITS = {
  /** The longest range any panel computes. */
  maxRangeDays: 366,
  /** Hour buckets only up to this range (7 × 24 = 168 points at most). */
  maxHourBucketRangeDays: 7,
} as const;

/** The buckets a range is cut into, in the operator's time zone. */
export const ANALYTICS_BUCKETS = ['hour', 'day'] as const;
export type AnalyticsBucket = (typeof ANALYTICS_BUCKETS)[number];
