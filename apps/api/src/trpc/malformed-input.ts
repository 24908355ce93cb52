import { API_BATCH_MAX_CALLS } from '@autodoctor/api-client/limits';
import { SessionCoreError } from '@autodoctor/session-core';
import { TRPCError } from '@trpc/server';
import superjson, { type SuperJSONResult } from 'superjson';
import { z } from 'zod';

/**
 * How deeply an input may nest (arrays and objects, superjson's envelope and its `meta`
 * included). Ours nest four levels at most; the parsers after this point (superjson's copy and
 * annotations, zod) walk inputs recursively, and 5,000 nested arrays ran them out of stack.
 */
export const MAX_INPUT_DEPTH = 32;

/** A request whose input cannot be read as the tRPC client writes it (JSON, superjson's envelope). */
export const MALFORMED_INPUT_MESSAGE =
  "The request's input could not be read: send JSON in superjson's { json, meta } envelope, as the tRPC client does";
export const TOO_DEEP_MESSAGE = `The request's input nests more than ${MAX_INPUT_DEPTH} levels deep`;

/** Whether `value` nests deeper than `max` levels, found without recursion (a deep value is what is feared). */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * superjson's deserialize of a request's input, with malformed input refused as BAD_REQUEST in
 * our words: superjson trusts its `meta` (garbage there threw "identicalPaths.map is not a
 * function" and the like, which reached the client as the error's message).
 */
export function deserializeInput(payload: unknown): unknown {
  if (nestsDeeperThan(payload, MAX_INPUT_DEPTH)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: TOO_DEEP_MESSAGE });
  }
  try {
    return superjson.deserialize(payload as SuperJSONResult);
  } catch (cause) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: MALFORMED_INPUT_MESSAGE, cause });
  }
}

/** The router's transformer: superjson, its inputs read by `deserializeInput`. */
export const inputCheckingTransformer = {
  input: { serialize: (value: unknown) => superjson.serialize(value), deserialize: deserializeInput },
  output: superjson,
};

/**
 * A schema's refusal: zod's classic error or zod/mini's (the rules browsers share are zod/mini), both
 * zod core's `$ZodError`.
 */
export function isZodError(error: unknown): error is z.core.$ZodError {
  return error instanceof z.core.$ZodError;
}

/**
 * The message a client gets for an error: our own words, never a library's.
 *
 * - a server error: a generic one (its own may quote SQL or data; it is logged);
 * - an input refused by its zod schema: the first issue's message (`data.zodIssues` has them
 *   all), not zod's JSON dump of every issue;
 * - a request tRPC could not parse (its JSON, a connection parameter): an exception's message
 *   ("Unexpected token …", "Cannot destructure …") becomes MALFORMED_INPUT_MESSAGE;
 * - a batch over the cap names the cap.
 */
export function clientMessageOf(error: TRPCError): string {
  const { code, cause, message } = error;
  if (code === 'INTERNAL_SERVER_ERROR') return 'Internal server error';
  if (code !== 'BAD_REQUEST' && code !== 'PARSE_ERROR') return message;
  if (isZodError(cause)) return cause.issues[0]?.message ?? 'Invalid input';
  if (cause instanceof Error && !(cause instanceof SessionCoreError) && message === cause.message) {
    return MALFORMED_INPUT_MESSAGE;
  }
  // tRPC's own words for its maxBatchSize (no cause to tell it by).
  if (message === 'Batch call exceeds maximum size') {
    return `A batch may carry at most ${API_BATCH_MAX_CALLS} calls`;
  }
  return message;
}
