/**
 * The most calls one batched request may carry: the API refuses a larger batch (tRPC's
 * `maxBatchSize`, apps/api/src/http/app.ts) and the apps' batch link splits its calls into
 * batches of at most this many. A module of its own, without imports, so the API reads it too.
 */
export const API_BATCH_MAX_CALLS = 16;
