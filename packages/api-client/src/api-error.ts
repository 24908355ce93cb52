import { isAppErrorCode, type AppErrorCode } from '@autodoctor/session-core/rules';
import { TRPCClientError } from '@trpc/client';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

export type { AppErrorCode };

/** tRPC's own error codes (BAD_REQUEST, NOT_FOUND, …): a misspelt one fails typecheck too. */
export type ApiErrorCode = TRPC_ERROR_CODE_KEY;

/** What the API said went wrong: its tRPC code, our app code, and any session it names. */
export interface ApiErrorInfo {
  code: ApiErrorCode | undefined;
  /** Switch on it exhaustively (`default: return assertNever(appCode)`): a new code is then handled everywhere. */
  appCode: AppErrorCode | null;
  activeSessionId: string | undefined;
  message: string;
}

export function apiErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: ApiErrorCode; activeSessionId?: string };
    return {
      code: data.code,
      appCode: appErrorOf(error),
      activeSessionId: data.activeSessionId,
      // No data: the request never got an answer from the API.
      message: error.data ? error.message : NETWORK_MESSAGE,
    };
  }
  return { code: undefined, appCode: null, activeSessionId: undefined, message: NETWORK_MESSAGE };
}

/** The app code of an API error (`data.appCode`), or null when it has none (or one this client does not know). */
export function appErrorOf(error: unknown): AppErrorCode | null {
  if (!(error instanceof TRPCClientError)) return null;
  const appCode: unknown = (error.data as { appCode?: unknown } | null | undefined)?.appCode;
  return isAppErrorCode(appCode) ? appCode : null;
}

/**
 * Whether the API answered that what was asked for is not there for this user (unknown, somebody
 * else's, or a malformed id): a "not found" screen, not an error to retry.
 */
export function isMissing({ code, appCode }: ApiErrorInfo): boolean {
  switch (appCode) {
    case 'SESSION_NOT_FOUND':
    case 'NOT_A_PARTICIPANT':
    case 'ASSIGNMENT_NOT_FOUND':
    case 'CHECKOUT_NOT_FOUND':
    case 'CREDIT_PURCHASE_NOT_FOUND':
    case 'QUOTE_NOT_FOUND':
    case 'RECEIPT_NOT_FOUND':
      return true;
    case 'INVALID_SESSION_INPUT':
    case 'INTAKE_PHOTOS_NOT_AVAILABLE':
    case 'ACTIVE_SESSION_CONFLICT':
    case 'INSUFFICIENT_CREDITS':
    case 'CUSTOMER_NOT_FOUND':
    case 'MECHANIC_NOT_FOUND':
    case 'ASSIGNMENT_UNAVAILABLE':
    case 'MECHANIC_BUSY':
    case 'ILLEGAL_TRANSITION':
    case 'FREE_SESSION_USED':
    case 'ROOM_CLOSED':
    case 'PHOTO_NOT_AVAILABLE':
    case 'MESSAGE_ID_TAKEN':
    case 'SESSION_NOT_QUOTABLE':
    case 'QUOTE_NOT_A_DRAFT':
    case 'QUOTE_CLOSED':
    case 'QUOTE_EXPIRED':
    case 'QUOTE_LINES_MISMATCH':
    case 'RATING_NOT_ALLOWED':
    case 'RATING_LOCKED':
    case 'NOTIFICATION_REQUIRED':
    case 'INVALID_PASSWORD':
    case 'WEBHOOK_URL_REFUSED':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_LIMIT':
    case 'EMAIL_NOT_A_CUSTOMER':
    case 'MECHANIC_DISABLED':
    case 'ACCOUNT_EXISTS':
      return false;
    case null:
      // Refused before session-core: a malformed id (zod), the other role's procedure, or a 404.
      return code === 'NOT_FOUND' || code === 'BAD_REQUEST' || code === 'FORBIDDEN';
    default:
      return assertNever(appCode);
  }
}

/**
 * The default of an exhaustive switch: typecheck fails while a case is missing. `appErrorOf` lets
 * only listed codes through, so at run time it is never reached.
 */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}

const NETWORK_MESSAGE = 'Could not reach AutoDoctor. Check your connection and try again.';
