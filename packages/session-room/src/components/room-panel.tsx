import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import type { PhotoRef } from '../model/room-entry.ts';
import { seenMessageId, theyAreTyping, transcriptItems, type TranscriptState } from '../model/transcript.ts';
import type { PhotoUploads } from '../upload/use-photo-uploads.ts';
import { Composer } from './composer.tsx';
import { ReadOnlyNotice } from './read-only-notice.tsx';
import { Transcript } from './transcript.tsx';
import { TypingIndicator } from './typing-indicator.tsx';

export interface RoomPanelProps {
  sessionId: string;
  transcript: TranscriptState;
  /** The other participant, as the room names them ("Sam Torque", "Casey"). */
  otherName: string;
  /** For the "accepted" line. */
  mechanicName: string | null;
  /** The room takes messages (the session is waiting or live); read-only otherwise. */
  open: boolean;
  /** The feed's state; a problem is shown beside the heading. */
  connection: ConnectionState;
  /** Why the conversation cannot be shown, if it cannot. */
  problem?: string | null;
  onRetry: (clientMessageId: string) => void;
  onTheirMessagesSeen: (upToId: string) => void;
  draft: string;
  onDraftChange: (draft: string) => void;
  uploads: PhotoUploads;
  onSend: (message: { body: string; photos: PhotoRef[] }) => void;
  onTyping: () => void;
}

/**
 * The session room as both apps show it: the conversation, who is typing, and
 * the composer (focused as the room opens) or, once the session is over, a
 * notice that it is kept to read.
 */
export function RoomPanel(props: RoomPanelProps) {
  const { transcript, otherName, open } = props;
  const headingId = `room-heading-${props.sessionId}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          Conversation with {otherName}
        </h2>
        {/* The header's "Live updates" status (and the offline notice) speak for the connection;
            a second status of the same name would be read twice. This only says what it means here. */}
        {props.connection === 'reconnecting' ? (
          <p className="text-xs text-muted-foreground">Reconnecting: messages sent meanwhile will appear.</p>
        ) : null}
      </div>
      {props.problem ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {props.problem}
        </p>
      ) : null}
      <Transcript
        className="rounded-md border bg-background"
        label={`Conversation with ${otherName}`}
        items={transcriptItems(transcript)}
        announcements={transcript.announcements}
        seenMessageId={seenMessageId(transcript)}
        otherName={otherName}
        mechanicName={props.mechanicName}
        loaded={transcript.caughtUp}
        canRetry={open}
        onRetry={props.onRetry}
        onTheirMessagesSeen={props.onTheirMessagesSeen}
      />
      {open ? (
        <>
          <TypingIndicator name={otherName} typing={theyAreTyping(transcript, Date.now())} />
          <Composer
            label={`Message to ${otherName}`}
            draft={props.draft}
            onDraftChange={props.onDraftChange}
            uploads={props.uploads}
            onSend={props.onSend}
            onTyping={props.onTyping}
            autoFocus
          />
        </>
      ) : (
        <ReadOnlyNotice />
      )}
    </section>
  );
}
