import { TRPCClientError } from '@trpc/client';

/** What the API said went wrong: its tRPC code, our app code, and any session it names. */
export interface ApiErrorInfo {
  code: string | undefined;
  appCode: string | undefined;
  activeSessionId: string | undefined;
  message: string;
}

export function apiErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: string; appCode?: string; activeSessionId?: string };
    return {
      code: data.code,
      appCode: data.appCode,
      activeSessionId: data.activeSessionId,
      // No data: the request never got an answer from the API.
      message: error.data ? error.message : NETWORK_MESSAGE,
    };
  }
  return { code: undefined, appCode: undefined, activeSessionId: undefined, message: NETWORK_MESSAGE };
}

const NETWORK_MESSAGE = 'Could not reach AutoDoctor. Check your connection and try again.';
