import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { maxEntryId } from '../model/room-entry.ts';
import { readMarkToSend, type TranscriptAction, type TranscriptState } from '../model/transcript.ts';

export interface ReadMarksOptions {
  sessionId: string;
  transcript: TranscriptState;
  dispatch: Dispatch<TranscriptAction>;
  /** False once the room is closed: nothing is sent. */
  enabled: boolean;
  /** Sends a read mark (the app's `room.markRead` mutation). */
  sendReadMark: (input: { sessionId: string; upToId: string }) => void;
}

/**
 * Tells the other side how far I have read: up to their latest message that has
 * been on screen while this tab was visible (a message that arrives in a hidden
 * tab is marked when the tab comes back). Returns the transcript's "their
 * messages seen up to" callback.
 */
export function useReadMarks(options: ReadMarksOptions): (upToId: string) => void {
  const { sessionId, transcript, dispatch, enabled, sendReadMark } = options;
  const onScreenUpTo = useRef<string | null>(null);
  const latest = useRef(transcript);
  latest.current = transcript;

  const flush = useCallback(() => {
    if (!enabled || document.visibilityState !== 'visible') return;
    const upTo = readMarkToSend(latest.current, onScreenUpTo.current);
    if (!upTo) return;
    // Noted at once, so a second sighting does not send it again while this one is on its way.
    dispatch({ type: 'markedRead', upTo });
    sendReadMark({ sessionId, upToId: upTo });
  }, [dispatch, enabled, sendReadMark, sessionId]);

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
