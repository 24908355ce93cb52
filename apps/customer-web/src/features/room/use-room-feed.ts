import type { RoomRole } from '@autodoctor/session-room/model/room-entry';
import {
  initialTranscript,
  transcriptReducer,
  type TranscriptAction,
  type TranscriptState,
} from '@autodoctor/session-room/model/transcript';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useOnline } from '@autodoctor/ui/lib/use-online';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useTRPC } from '../../app/trpc.ts';

/**
 * How long the feed must be quiet, after it connects, before the replay of the
 * room's past counts as over: from then on entries are new and announced. The
 * replay comes in one burst (milliseconds apart); a person's next message does not.
 */
const REPLAY_QUIET_MS = 400;

export interface RoomFeed {
  transcript: TranscriptState;
  dispatch: Dispatch<TranscriptAction>;
  connection: ConnectionState;
  /** Why the room cannot be followed (not a participant, say); null while all is well. */
  problem: string | null;
}

/**
 * Follows a session's room (`room.feed`): the whole conversation first, then
 * each new entry, applied to the transcript model; typing signals too. After a
 * drop the link resumes from the last entry id it saw, so nothing is missed or
 * applied twice.
 */
export function useRoomFeed(sessionId: string, myRole: RoomRole): RoomFeed {
  const trpc = useTRPC();
  const online = useOnline();
  const [transcript, dispatch] = useReducer(transcriptReducer, myRole, initialTranscript);
  const quietTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const caughtUp = useRef(false);

  function waitForQuiet() {
    if (caughtUp.current) return;
    clearTimeout(quietTimer.current);
    quietTimer.current = setTimeout(() => {
      caughtUp.current = true;
      dispatch({ type: 'caughtUp' });
    }, REPLAY_QUIET_MS);
  }
  useEffect(() => () => clearTimeout(quietTimer.current), []);

  const subscription = useSubscription(
    trpc.room.feed.subscriptionOptions(
      { sessionId },
      {
        onStarted: waitForQuiet,
        onData: (event) => {
          // Over SSE every event comes in tRPC's { id, data } envelope: the entries with their id
          // (tracked), the typing signals without one.
          const payload = 'data' in event ? event.data : event;
          if (payload.kind === 'typing') {
            dispatch({ type: 'typing', role: payload.role, now: Date.now() });
            return;
          }
          dispatch({ type: 'entry', entry: payload });
          waitForQuiet();
        },
      },
    ),
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

  const connection: ConnectionState = !online
    ? 'offline'
    : subscription.status === 'pending'
      ? 'live'
      : 'reconnecting';
  const problem =
    subscription.status === 'error' && subscription.error ? apiErrorInfo(subscription.error).message : null;
  return { transcript, dispatch, connection, problem };
}
