import { SessionCoreError, type AppErrorCode, type SessionErrorKind } from '@autodoctor/session-core';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../database-unavailable.ts';

const CODE_OF_KIND = {
  invalid: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
} as const satisfies Record<SessionErrorKind, TRPC_ERROR_CODE_KEY>;

/**
 * A session-core error, or the database out of reach, as the tRPC error a
 * client gets (its cause keeps the details).
 */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof SessionCoreError) {
    // An expected outcome, stackless as its cause: capturing a stack was a tenth of a refused
    // accept's CPU (every loser of a race gets one).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new TRPCError({ code: CODE_OF_KIND[error.kind], message: error.message, cause: error });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      cause: error,
    });
  }
  return error;
}

/** What clients may read of an error beside its code: the session-core code and ids it names. */
export interface AppErrorDetails {
  /** One of APP_ERROR_CODES (session-core), e.g. ACTIVE_SESSION_CONFLICT; clients read it with `appErrorOf`. */
  appCode: AppErrorCode | null;
  /** With ACTIVE_SESSION_CONFLICT and MECHANIC_BUSY: the session that is in the way. */
  activeSessionId: string | null;
}

export function appErrorDetails(cause: unknown): AppErrorDetails {
  if (!(cause instanceof SessionCoreError)) return { appCode: null, activeSessionId: null };
  const activeSessionId =
    'activeSessionId' in cause && typeof cause.activeSessionId === 'string' ? cause.activeSessionId : null;
  return { appCode: cause.code, activeSessionId };
}
