import { useCallback, useRef, type Dispatch } from 'react';
import type { PhotoRef, RoomFeedEntry } from '../model/room-entry.ts';
import type { TranscriptAction } from '../model/transcript.ts';

interface Outgoing {
  body: string;
  photos: PhotoRef[];
}

export interface OutgoingMessagesOptions {
  sessionId: string;
  dispatch: Dispatch<TranscriptAction>;
  /** Stores a message (the app's `room.send` mutation); resolves with the stored entry. */
  sendMessage: (input: {
    sessionId: string;
    clientMessageId: string;
    body: string;
    photoIds: string[];
  }) => Promise<RoomFeedEntry>;
  /** What to tell the writer of a failed send (and anything the app does about it). */
  describeFailure: (error: unknown) => string;
}

/**
 * Sends messages: each gets an id chosen here (crypto.randomUUID) and shows at
 * once as sending; a retry sends the same id again, so the server stores it
 * once however many tries reach it. The stored message from the reply (or the
 * feed, if faster) turns it to sent.
 */
export function useOutgoingMessages(options: OutgoingMessagesOptions) {
  const { sessionId, dispatch, sendMessage, describeFailure } = options;
  // What each message not yet stored said, for its retry.
  const outgoing = useRef(new Map<string, Outgoing>());

  const attempt = useCallback(
    (clientMessageId: string) => {
      const message = outgoing.current.get(clientMessageId);
      if (!message) return;
      dispatch({ type: 'send', clientMessageId, authorName: 'You', ...message, at: new Date() });
      sendMessage({
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
          dispatch({ type: 'sendFailed', clientMessageId, error: describeFailure(error) });
        },
      );
    },
    [describeFailure, dispatch, sendMessage, sessionId],
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
