import { apiErrorInfo, appErrorOf } from '@autodoctor/api-client/api-error';
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
      // The session ended meanwhile: the session views are refetched and the room turns read-only.
      if (appErrorOf(error) === 'ROOM_CLOSED') void invalidateChange(queryClient, 'sessionChanged');
      return apiErrorInfo(error).message;
    },
    [queryClient],
  );
  return useOutgoingMessages({ sessionId, dispatch, sendMessage: mutateAsync, describeFailure });
}
