import postgres from 'postgres';

/** What a client is told while the database cannot be reached (HTTP 503). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now; try again shortly';

// postgres.js's own codes for a connection that could not be made or was lost, and Node's.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * True when `error` (or a cause of it: drizzle wraps the driver's errors) says
 * the database is out of reach rather than that the query was wrong: the
 * connection failed or dropped, or the server is shutting down, starting up or
 * full (SQLSTATE classes 08 and 57P, and 53300). Such a request is answered
 * 503, not 500: nothing is wrong with it, and it may be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (current instanceof postgres.PostgresError) {
      return code === '53300' || /^(08|57P)/.test(String(code));
    }
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
