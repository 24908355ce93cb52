import { apiErrorInfo, assertNever, type AppErrorCode } from '@autodoctor/api-client/api-error';
import { invalidateChange } from '@autodoctor/api-client/changes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, type Dispatch } from 'react';
import { useOutgoingMessages } from '../hooks/use-outgoing-messages.ts';
import type { TranscriptAction } from '../model/transcript.ts';
import type { RoomTRPC } from './room-trpc.ts';

/** Messages sent through `room.send` (see useOutgoingMessages). */
export function useSendMessage(trpc: RoomTRPC, sessionId: string, dispatch: Dispatch<TranscriptAction>) {
  const queryClient = useQueryClient();
  const { mutateAsync } = useMutation(trpc.room.send.mutationOptions());
  const describeFailure = useCallback(
    (error: unknown) => {
      const { appCode, message } = apiErrorInfo(error);
      // The session ended meanwhile: the session views are refetched and the room turns read-only.
      if (endedTheRoom(appCode)) void invalidateChange(queryClient, 'sessionChanged');
      return message;
    },
    [queryClient],
  );
  return useOutgoingMessages({ sessionId, dispatch, sendMessage: mutateAsync, describeFailure });
}

/** Whether a refused message says the session's status moved on (the views showing it are stale). */
function endedTheRoom(appCode: AppErrorCode | null): boolean {
  switch (appCode) {
    case 'ROOM_CLOSED':
      return true;
    case null:
    case 'PHOTO_NOT_AVAILABLE':
    case 'MESSAGE_ID_TAKEN':
    case 'SESSION_NOT_FOUND':
    case 'NOT_A_PARTICIPANT':
    case 'INVALID_SESSION_INPUT':
    case 'INTAKE_PHOTOS_NOT_AVAILABLE':
    case 'ACTIVE_SESSION_CONFLICT':
    case 'INSUFFICIENT_CREDITS':
    case 'CUSTOMER_NOT_FOUND':
    case 'MECHANIC_NOT_FOUND':
    case 'ASSIGNMENT_NOT_FOUND':
    case 'ASSIGNMENT_UNAVAILABLE':
    case 'MECHANIC_BUSY':
    case 'ILLEGAL_TRANSITION':
    case 'FREE_SESSION_USED':
    case 'CREDIT_PURCHASE_NOT_FOUND':
    case 'CHECKOUT_NOT_FOUND':
    case 'QUOTE_NOT_FOUND':
    case 'SESSION_NOT_QUOTABLE':
    case 'QUOTE_NOT_A_DRAFT':
    case 'QUOTE_CLOSED':
    case 'QUOTE_EXPIRED':
    case 'QUOTE_LINES_MISMATCH':
    case 'RATING_NOT_ALLOWED':
    case 'RATING_LOCKED':
    case 'NOTIFICATION_REQUIRED':
    case 'RECEIPT_NOT_FOUND':
    case 'INVALID_PASSWORD':
    case 'WEBHOOK_URL_REFUSED':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_LIMIT':
    case 'EMAIL_NOT_A_CUSTOMER':
    case 'MECHANIC_DISABLED':
    case 'ACCOUNT_EXISTS':
      return false;
    default:
      return assertNever(appCode);
  }
}
