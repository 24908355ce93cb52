import { isAppErrorCode, type AppErrorCode } from '@autodoctor/session-core/rules';
import { TRPCClientError } from '@trpc/client';

export type { AppErrorCode };

/** What the API said went wrong: its tRPC code, our app code, and any session it names. */
export interface ApiErrorInfo {
  code: string | undefined;
  /** Compare it only with listed codes: a misspelt one fails typecheck. */
  appCode: AppErrorCode | undefined;
  activeSessionId: string | undefined;
  message: string;
}

export function apiErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: string; activeSessionId?: string };
    return {
      code: data.code,
      appCode: appErrorOf(error) ?? undefined,
      activeSessionId: data.activeSessionId,
      // No data: the request never got an answer from the API.
      message: error.data ? error.message : NETWORK_MESSAGE,
    };
  }
  return { code: undefined, appCode: undefined, activeSessionId: undefined, message: NETWORK_MESSAGE };
}

/** The app code of an API error (`data.appCode`), or null when it has none (or one this client does not know). */
export function appErrorOf(error: unknown): AppErrorCode | null {
  if (!(error instanceof TRPCClientError)) return null;
  const appCode: unknown = (error.data as { appCode?: unknown } | null | undefined)?.appCode;
  return isAppErrorCode(appCode) ? appCode : null;
}

const NETWORK_MESSAGE = 'Could not reach AutoDoctor. Check your connection and try again.';
