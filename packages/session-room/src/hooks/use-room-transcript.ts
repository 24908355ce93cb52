import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { RoomFeedEntry, RoomRole, RoomTypingSignal } from '../model/room-entry.ts';
import {
  initialTranscript,
  transcriptReducer,
  type TranscriptAction,
  type TranscriptState,
} from '../model/transcript.ts';

/**
 * How long the feed must be quiet, after it connects, before the replay of the
 * room's past counts as over: from then on entries are new and announced. The
 * replay comes in one burst (milliseconds apart); a person's next message does not.
 */
const REPLAY_QUIET_MS = 400;

/**
 * What `room.feed` delivers: over SSE in tRPC's `{ id, data }` envelope, the entries with their id
 * (tracked), the typing signals without one.
 */
export type RoomFeedEvent =
  { id?: string; data: RoomFeedEntry | RoomTypingSignal } | RoomFeedEntry | RoomTypingSignal;

export interface RoomTranscript {
  transcript: TranscriptState;
  dispatch: Dispatch<TranscriptAction>;
  /** The subscription's `onStarted`. */
  onStarted: () => void;
  /** The subscription's `onData`. */
  onData: (event: RoomFeedEvent) => void;
}

/**
 * The transcript of a room as its feed fills it: the whole conversation first, then each new
 * entry; typing signals shown until their time is up. The app wires `onStarted` / `onData` to its
 * `room.feed` subscription.
 */
export function useRoomTranscript(myRole: RoomRole): RoomTranscript {
  const [transcript, dispatch] = useReducer(transcriptReducer, myRole, initialTranscript);
  const quietTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const caughtUp = useRef(false);

  const waitForQuiet = useCallback(() => {
    if (caughtUp.current) return;
    clearTimeout(quietTimer.current);
    quietTimer.current = setTimeout(() => {
      caughtUp.current = true;
      dispatch({ type: 'caughtUp' });
    }, REPLAY_QUIET_MS);
  }, []);
  useEffect(() => () => clearTimeout(quietTimer.current), []);

  const onData = useCallback(
    (event: RoomFeedEvent) => {
      const payload = 'data' in event ? event.data : event;
      if (payload.kind === 'typing') {
        dispatch({ type: 'typing', role: payload.role, now: Date.now() });
        return;
      }
      dispatch({ type: 'entry', entry: payload });
      waitForQuiet();
    },
    [waitForQuiet],
  );

  // The typing indicator goes when its time is up, even if nothing else happens.
  const typingUntil = transcript.theirTypingUntil;
  useEffect(() => {
    if (typingUntil === null) return;
    const timer = setTimeout(
      () => dispatch({ type: 'tick', now: Date.now() }),
      Math.max(0, typingUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [typingUntil]);

  return { transcript, dispatch, onStarted: waitForQuiet, onData };
}
