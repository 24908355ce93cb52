import { maxEntryId } from '@autodoctor/session-room/model/room-entry';
import {
  readMarkToSend,
  type TranscriptAction,
  type TranscriptState,
} from '@autodoctor/session-room/model/transcript';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Tells the other side how far I have read: up to their latest message that has
 * been on screen while this tab was visible (a message that arrives in a hidden
 * tab is marked when the tab comes back). Returns the transcript's "their
 * messages seen up to" callback.
 */
export function useMarkRead(
  sessionId: string,
  transcript: TranscriptState,
  dispatch: Dispatch<TranscriptAction>,
  enabled: boolean,
): (upToId: string) => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.room.markRead.mutationOptions());
  const onScreenUpTo = useRef<string | null>(null);
  const latest = useRef(transcript);
  latest.current = transcript;

  const flush = useCallback(() => {
    if (!enabled || document.visibilityState !== 'visible') return;
    const upTo = readMarkToSend(latest.current, onScreenUpTo.current);
    if (!upTo) return;
    // Noted at once, so a second sighting does not send it again while this one is on its way.
    dispatch({ type: 'markedRead', upTo });
    mutate({ sessionId, upToId: upTo });
  }, [dispatch, enabled, mutate, sessionId]);

  useEffect(() => {
    document.addEventListener('visibilitychange', flush);
    return () => document.removeEventListener('visibilitychange', flush);
  }, [flush]);

  return useCallback(
    (upToId: string) => {
      onScreenUpTo.current = maxEntryId(onScreenUpTo.current, upToId);
      flush();
    },
    [flush],
  );
}
