import { isRoomOpen, type SessionStatus } from '@autodoctor/session-core/rules';
import { useStoredDraft } from '@autodoctor/session-room/hooks/use-stored-draft';
import { RoomPanel } from '@autodoctor/session-room/room-panel';
import { usePhotoUploads } from '@autodoctor/session-room/upload/use-photo-uploads';
import { useMarkRead } from './use-mark-read.ts';
import { useRoomFeed } from './use-room-feed.ts';
import { useSendMessage } from './use-send-message.ts';
import { useTypingSignal } from './use-typing-signal.ts';

export interface SessionRoomProps {
  sessionId: string;
  customerFirstName: string;
  /** The mechanic's own name, for the "accepted" line. */
  mechanicName: string | null;
  /** The session's status: the room takes messages while it is waiting or live. */
  status: SessionStatus;
}

/** The mechanic's side of the session room (loaded lazily by the session page). */
export default function SessionRoom({
  sessionId,
  customerFirstName,
  mechanicName,
  status,
}: SessionRoomProps) {
  const open = isRoomOpen(status);
  const feed = useRoomFeed(sessionId, 'mechanic');
  const { send, retry } = useSendMessage(sessionId, feed.dispatch);
  const onTheirMessagesSeen = useMarkRead(sessionId, feed.transcript, feed.dispatch, open);
  const onTyping = useTypingSignal(sessionId);
  const uploads = usePhotoUploads({ sessionId });
  const [draft, setDraft] = useStoredDraft(`autodoctor.room-draft.${sessionId}`);
  return (
    <RoomPanel
      sessionId={sessionId}
      transcript={feed.transcript}
      otherName={customerFirstName}
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
