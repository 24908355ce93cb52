import { cn } from '@autodoctor/ui/lib/cn';
import { Loader2 } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { maxEntryId } from '../model/room-entry.ts';
import type { StoredItem, TranscriptItem } from '../model/transcript.ts';
import { MessageBubble } from './message-bubble.tsx';
import { SystemLine, systemLineText } from './system-line.tsx';

export interface TranscriptProps {
  /** The log's name, e.g. "Conversation with Sam Torque". It grows with the conversation, then scrolls. */
  label: string;
  items: TranscriptItem[];
  /** New entries to announce (the model's `announcements`: never the replayed past). */
  announcements: StoredItem[];
  /** My message under which "Seen" goes. */
  seenMessageId: string | null;
  /** The other participant's name. */
  otherName: string;
  /** For the "accepted" line; null if not known. */
  mechanicName: string | null;
  /** False while the room's past is still arriving. */
  loaded: boolean;
  /** Whether a failed message can be sent again (not once the session is over). */
  canRetry: boolean;
  onRetry: (clientMessageId: string) => void;
  /** Their messages up to this id have been on screen (for the read mark). */
  onTheirMessagesSeen: (upToId: string) => void;
  className?: string;
}

/** How close to the bottom (px) still counts as "reading the latest": new messages then scroll into view. */
const STICK_TO_BOTTOM_PX = 64;

/**
 * The conversation, oldest first, scrolled to the latest. The log is `aria-live="off"` and a
 * separate hidden live region announces only the other side's new messages and the session's
 * moves: a live log would also read out the history, my own sends and every "Sent"/"Seen" change.
 */
export function Transcript({
  label,
  items,
  announcements,
  seenMessageId,
  otherName,
  mechanicName,
  loaded,
  canRetry,
  onRetry,
  onTheirMessagesSeen,
  className,
}: TranscriptProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const onSeen = useRef(onTheirMessagesSeen);
  onSeen.current = onTheirMessagesSeen;

  // Follow the conversation while the reader is at its end, and always after my own message;
  // someone scrolled up to read an older message is left where they are.
  const last = items.at(-1);
  const currentLastKey = last ? itemKey(last) : null;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || currentLastKey === lastKey.current) return;
    const mineJustAdded = last?.kind === 'message' && last.mine;
    lastKey.current = currentLastKey;
    if (atBottom.current || mineJustAdded) element.scrollTop = element.scrollHeight;
  });

  // Their messages that have been on screen: the app marks them read (when the tab is visible).
  useEffect(() => {
    const root = scroller.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (records) => {
        let seen: string | null = null;
        for (const record of records) {
          const id = (record.target as HTMLElement).dataset.theirEntryId;
          if (record.isIntersecting && id) seen = maxEntryId(seen, id);
        }
        if (seen) onSeen.current(seen);
      },
      { root },
    );
    root.querySelectorAll('[data-their-entry-id]').forEach((element) => observer.observe(element));
    return () => observer.disconnect();
  }, [items]);

  const latestOfMine = [...items].reverse().find((item) => item.kind === 'message' && item.mine);

  return (
    <div className={cn('relative min-h-0', className)}>
      <div
        ref={scroller}
        role="log"
        aria-live="off"
        aria-label={label}
        // Scrollable by keyboard too (arrow keys, Page Up/Down) once focused.
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current =
            element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
        }}
        className="max-h-[min(60vh,32rem)] min-h-40 overflow-y-auto overscroll-contain rounded-md px-1 py-3 focus-visible:outline-2 focus-visible:outline-ring"
      >
        {items.length === 0 ? (
          <p className="flex min-h-34 items-center justify-center gap-2 p-6 text-center text-sm text-muted-foreground">
            {loaded ? (
              `No messages yet. Say hello to ${otherName}.`
            ) : (
              <>
                <Loader2 className="size-4 animate-spin motion-reduce:animate-none" aria-hidden="true" />
                Loading the conversation…
              </>
            )}
          </p>
        ) : (
          <ol className="grid gap-3">
            {items.map((item) =>
              item.kind === 'system' ? (
                <SystemLine key={itemKey(item)} line={item} mechanicName={mechanicName} />
              ) : (
                <MessageBubble
                  key={itemKey(item)}
                  message={item}
                  otherName={otherName}
                  seen={item.id !== null && item.id === seenMessageId}
                  latestOfMine={item === latestOfMine}
                  onRetry={canRetry ? onRetry : undefined}
                />
              ),
            )}
          </ol>
        )}
      </div>
      <div aria-live="polite" className="sr-only">
        {announcements.map((item) => (
          <p key={item.id}>{announcementText(item, mechanicName)}</p>
        ))}
      </div>
    </div>
  );
}

/** A message keeps its key from sending to sent (its clientMessageId), so React keeps its element. */
function itemKey(item: TranscriptItem): string {
  return item.kind === 'message' ? `m:${item.clientMessageId}` : `s:${item.id}`;
}

export function announcementText(item: StoredItem, mechanicName: string | null): string {
  if (item.kind === 'system') return systemLineText(item.event, mechanicName);
  const photos = item.photos.length;
  const photoText = photos ? (photos === 1 ? 'a photo' : `${photos} photos`) : '';
  if (!item.body) return `${item.authorName} sent ${photoText}`;
  return `${item.authorName}: ${item.body}${photoText ? ` (with ${photoText})` : ''}`;
}
