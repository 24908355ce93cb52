import type { SessionEventType } from '@autodoctor/session-core/rules';
import { SESSION_EVENT_LABEL } from '@autodoctor/ui/lib/session-status';
import type { TranscriptSystemLine } from '../model/transcript.ts';
import { MessageTime } from './message-time.tsx';

/**
 * What a session's move says in the conversation. The timeline's labels
 * (SESSION_EVENT_LABEL: "Accepted", "Started") are too terse between messages,
 * so the room has sentences of its own; the rest never appear in a room.
 */
export function systemLineText(event: SessionEventType, mechanicName: string | null): string {
  switch (event) {
    case 'assignment_accepted':
      return `${mechanicName ?? 'The mechanic'} accepted the session`;
    case 'started':
      return 'The session is live';
    case 'ended':
      return 'The session ended';
    case 'cancelled':
      return 'The session was cancelled';
    case 'expired':
      return 'The session expired';
    case 'entered_queue':
      // Only a requeue from waiting or live has a room line (migration 0018).
      return `${mechanicName ?? 'The mechanic'} left; the session is back in the queue`;
    default:
      return SESSION_EVENT_LABEL[event];
  }
}

/** A session's move, between the messages: accepted, live, ended… */
export function SystemLine({
  line,
  mechanicName,
}: {
  line: TranscriptSystemLine;
  mechanicName: string | null;
}) {
  return (
    <li className="flex items-center gap-3 py-1 text-xs text-muted-foreground">
      <span className="h-px flex-1 bg-border" aria-hidden="true" />
      <span>
        {systemLineText(line.event, mechanicName)} · <MessageTime at={line.at} />
      </span>
      <span className="h-px flex-1 bg-border" aria-hidden="true" />
    </li>
  );
}
