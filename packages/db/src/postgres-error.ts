import postgres from 'postgres';

/** SQLSTATE codes the domain reacts to. */
export const SqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  insufficientPrivilege: '42501',
} as const;

/**
 * The PostgreSQL error behind `error`, if any. Drizzle wraps driver errors in
 * its own query error, so this follows the `cause` chain.
 */
export function postgresErrorOf(error: unknown): postgres.PostgresError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof postgres.PostgresError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when `error` is a violation of the given SQLSTATE on the given constraint or index. */
export function isConstraintViolation(
  error: unknown,
  code: (typeof SqlState)[keyof typeof SqlState],
  constraint: string,
): boolean {
  const pgError = postgresErrorOf(error);
  return pgError?.code === code && pgError.constraint_name === constraint;
}

/** One line for a log or a CLI: the error's message and, for a failed query, the server's reason. */
export function describeError(error: unknown): string {
  const pgError = postgresErrorOf(error);
  if (pgError) return `${pgError.message} (SQLSTATE ${pgError.code})`;
  return error instanceof Error ? error.message : String(error);
}
