import { apiErrorInfo, appErrorOf } from '@autodoctor/api-client/api-error';
import { invalidateChange } from '@autodoctor/api-client/changes';
import { useOutgoingMessages } from '@autodoctor/session-room/hooks/use-outgoing-messages';
import type { TranscriptAction } from '@autodoctor/session-room/model/transcript';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, type Dispatch } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/** Messages sent through `room.send` (see useOutgoingMessages). */
export function useSendMessage(sessionId: string, dispatch: Dispatch<TranscriptAction>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync } = useMutation(trpc.room.send.mutationOptions());
  const describeFailure = useCallback(
    (error: unknown) => {
      // The session ended meanwhile: the session views are refetched and the room turns read-only.
      if (appErrorOf(error) === 'ROOM_CLOSED') void invalidateChange(queryClient, 'sessionChanged');
      return apiErrorInfo(error).message;
    },
    [queryClient],
  );
  return useOutgoingMessages({ sessionId, dispatch, sendMessage: mutateAsync, describeFailure });
}
