import { useStoredDraft } from '@autodoctor/session-room/hooks/use-stored-draft';
import { RoomPanel } from '@autodoctor/session-room/room-panel';
import { usePhotoUploads } from '@autodoctor/session-room/upload/use-photo-uploads';
import { useMarkRead } from './use-mark-read.ts';
import { useRoomFeed } from './use-room-feed.ts';
import { useSendMessage } from './use-send-message.ts';
import { useTypingSignal } from './use-typing-signal.ts';

export interface SessionRoomProps {
  sessionId: string;
  mechanicName: string;
  /** The session is waiting or live: the room takes messages. */
  open: boolean;
}

/** The customer's side of the session room (loaded lazily by the session page). */
export default function SessionRoom({ sessionId, mechanicName, open }: SessionRoomProps) {
  const feed = useRoomFeed(sessionId, 'customer');
  const { send, retry } = useSendMessage(sessionId, feed.dispatch);
  const onTheirMessagesSeen = useMarkRead(sessionId, feed.transcript, feed.dispatch, open);
  const onTyping = useTypingSignal(sessionId);
  const uploads = usePhotoUploads({ sessionId });
  const [draft, setDraft] = useStoredDraft(`autodoctor.room-draft.${sessionId}`);
  return (
    <RoomPanel
      sessionId={sessionId}
      transcript={feed.transcript}
      otherName={mechanicName}
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
