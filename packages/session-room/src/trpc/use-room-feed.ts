import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useOnline } from '@autodoctor/ui/lib/use-online';
import { useSubscription } from '@trpc/tanstack-react-query';
import type { Dispatch } from 'react';
import { useRoomTranscript } from '../hooks/use-room-transcript.ts';
import type { RoomRole } from '../model/room-entry.ts';
import type { TranscriptAction, TranscriptState } from '../model/transcript.ts';
import type { RoomTRPC } from './room-trpc.ts';

export interface RoomFeed {
  transcript: TranscriptState;
  dispatch: Dispatch<TranscriptAction>;
  connection: ConnectionState;
  /** Why the room cannot be followed (not a participant, say); null while all is well. */
  problem: string | null;
}

/**
 * Follows a session's room (`room.feed`) into its transcript (useRoomTranscript). After a drop the
 * link resumes from the last entry id it saw, so nothing is missed or applied twice.
 */
export function useRoomFeed(trpc: RoomTRPC, sessionId: string, myRole: RoomRole): RoomFeed {
  const online = useOnline();
  const { transcript, dispatch, onStarted, onData } = useRoomTranscript(myRole);
  const subscription = useSubscription(
    trpc.room.feed.subscriptionOptions({ sessionId }, { onStarted, onData }),
  );
  const connection: ConnectionState = !online
    ? 'offline'
    : subscription.status === 'pending'
      ? 'live'
      : 'reconnecting';
  const problem =
    subscription.status === 'error' && subscription.error ? apiErrorInfo(subscription.error).message : null;
  return { transcript, dispatch, connection, problem };
}
