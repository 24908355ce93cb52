import { isRoomOpen, type SessionStatus } from '@autodoctor/session-core/rules/statuses';
import { RoomPanel } from '../components/room-panel.tsx';
import { useStoredDraft } from '../hooks/use-stored-draft.ts';
import type { RoomRole } from '../model/room-entry.ts';
import { usePhotoUploads } from '../upload/use-photo-uploads.ts';
import type { RoomTRPC } from './room-trpc.ts';
import { useMarkRead } from './use-mark-read.ts';
import { useRoomFeed } from './use-room-feed.ts';
import { useSendMessage } from './use-send-message.ts';
import { useTypingSignal } from './use-typing-signal.ts';

export interface SessionRoomProps {
  /** The app's tRPC options proxy (`useTRPC()`). */
  trpc: RoomTRPC;
  sessionId: string;
  /** Whose side of the room this is. */
  myRole: RoomRole;
  /** The other participant, as the room names them. */
  otherName: string;
  /** For the "accepted" line. */
  mechanicName: string | null;
  /** The session's status: the room takes messages while it is waiting or live. */
  status: SessionStatus;
}

/**
 * One side of the session room, wired to the API: the feed, sending, read marks, typing, photos
 * and the draft. Default export: the session pages load it lazily.
 */
export default function SessionRoom({
  trpc,
  sessionId,
  myRole,
  otherName,
  mechanicName,
  status,
}: SessionRoomProps) {
  const open = isRoomOpen(status);
  const feed = useRoomFeed(trpc, sessionId, myRole);
  const { send, retry } = useSendMessage(trpc, sessionId, feed.dispatch);
  const onTheirMessagesSeen = useMarkRead(trpc, sessionId, feed.transcript, feed.dispatch, open);
  const onTyping = useTypingSignal(trpc, sessionId);
  const uploads = usePhotoUploads({ sessionId });
  const [draft, setDraft] = useStoredDraft(`autodoctor.room-draft.${sessionId}`);
  return (
    <RoomPanel
      sessionId={sessionId}
      transcript={feed.transcript}
      otherName={otherName}
      mechanicName={mechanicName}
      open={open}
      connection={feed.connection}
      problem={feed.problem}
      onRetry={retry}
      onTheirMessagesSeen={onTheirMessagesSeen}
      draft={draft}
      onDraftChange={setDraft}
      uploads={uploads}
      onSend={send}
      onTyping={onTyping}
    />
  );
}
