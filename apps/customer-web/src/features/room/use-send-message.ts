import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import type { PhotoRef } from '@autodoctor/session-room/model/room-entry';
import type { TranscriptAction } from '@autodoctor/session-room/model/transcript';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, type Dispatch } from 'react';
import { useTRPC } from '../../app/trpc.ts';

interface Outgoing {
  body: string;
  photos: PhotoRef[];
}

/**
 * Sends messages: each gets an id chosen here (crypto.randomUUID) and shows at
 * once as sending; a retry sends the same id again, so the server stores it
 * once however many tries reach it. The stored message from the reply (or the
 * feed, if faster) turns it to sent.
 */
export function useSendMessage(sessionId: string, dispatch: Dispatch<TranscriptAction>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync } = useMutation(trpc.room.send.mutationOptions());
  // What each message not yet stored said, for its retry.
  const outgoing = useRef(new Map<string, Outgoing>());

  const attempt = useCallback(
    (clientMessageId: string) => {
      const message = outgoing.current.get(clientMessageId);
      if (!message) return;
      dispatch({ type: 'send', clientMessageId, authorName: 'You', ...message, at: new Date() });
      mutateAsync({
        sessionId,
        clientMessageId,
        body: message.body,
        photoIds: message.photos.map((photo) => photo.id),
      }).then(
        (stored) => {
          outgoing.current.delete(clientMessageId);
          dispatch({ type: 'entry', entry: stored });
        },
        (error: unknown) => {
          const info = apiErrorInfo(error);
          dispatch({ type: 'sendFailed', clientMessageId, error: info.message });
          // The session ended meanwhile: the session views are refetched and the room turns read-only.
          if (info.appCode === 'ROOM_CLOSED') void queryClient.invalidateQueries(trpc.customer.pathFilter());
        },
      );
    },
    [dispatch, mutateAsync, queryClient, sessionId, trpc],
  );

  const send = useCallback(
    (message: Outgoing) => {
      const clientMessageId = crypto.randomUUID();
      outgoing.current.set(clientMessageId, message);
      attempt(clientMessageId);
    },
    [attempt],
  );

  return { send, retry: attempt };
}
