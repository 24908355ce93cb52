import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACTED = '[redacted]';

/**
 * Fields that may carry a secret wherever they are logged: headers (cookies,
 * tokens, Stripe signatures), passwords and tokens in bodies better-auth logs,
 * card details, and the bound values of a failed query (postgres.js puts them
 * on `parameters`, drizzle on `params`: a user's row, a password hash).
 */
const SECRET_KEYS = [
  'cookie',
  'set-cookie',
  'authorization',
  'stripe-signature',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'sessionToken',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'card',
  'payment_method_details',
  'parameters',
  'params',
];
const key = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? `.${name}` : `["${name}"]`);
// pino's paths have one-level wildcards: cover the shapes our logs take (top level, one or two
// objects deep, headers, better-auth's `args` array, an error and its cause).
const PREFIXES = ['', '*', '*.*', 'headers', '*.headers', 'args[*]', 'args[*].*', 'err', 'err.cause'];
export const REDACT_PATHS = PREFIXES.flatMap((prefix) =>
  SECRET_KEYS.map((name) => (prefix ? `${prefix}${key(name)}` : key(name).replace(/^\./, ''))),
);

// drizzle's failed-query error writes the bound values into its message (and so its stack).
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |\ncaused by: |$)/g;
const withoutParams = (text: string | undefined) => text?.replace(QUERY_PARAMS, `\nparams: ${REDACTED}`);

function errorSerializer(error: Error) {
  const serialized = stdSerializers.err(error);
  serialized.message = withoutParams(serialized.message) ?? '';
  serialized.stack = withoutParams(serialized.stack) ?? '';
  return serialized;
}

/**
 * Structured JSON logs (stdout unless a destination is given); `LOG_LEVEL=silent` in tests.
 * Secrets are replaced by `[redacted]` (see REDACT_PATHS).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'autodoctor-api' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: errorSerializer },
    },
    destination,
  );
}
