import { useNow } from '@autodoctor/ui/lib/use-now';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { QueueEntryCard, type QueueEntryActions } from './queue-entry-card.tsx';
import type { QueueItem } from './queue-model.ts';

/** How long a session that just arrived stays highlighted, and how often that is checked. */
const NEW_HIGHLIGHT_MS = 60_000;
const NEW_CHECK_MS = 5_000;

export interface QueueListProps {
  entries: QueueItem[];
  clockOffsetMs: number;
  onAccept: (entry: QueueItem) => void;
  acceptingId: string | null;
  /** Accept is off (an active session, or another accept under way). */
  acceptBlocked: boolean;
  /** Bumped by the page to bring focus back to the list (after a lost race). */
  focusRequest: number;
}

/**
 * The waiting sessions, oldest first, as one keyboard stop: ↑/↓ (or j/k) move
 * between sessions, Enter shows the whole concern, A accepts. Cards are memoised:
 * a session joining or leaving renders that card, not the whole list.
 */
export function QueueList({
  entries,
  clockOffsetMs,
  onAccept,
  acceptingId,
  acceptBlocked,
  focusRequest,
}: QueueListProps) {
  const now = useNow(NEW_CHECK_MS);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const items = useRef(new Map<string, HTMLElement>());

  // The keyboard's entry, or the first when it left the queue.
  const activeIndex = Math.max(
    0,
    entries.findIndex((entry) => entry.assignmentId === activeId),
  );

  // What the cards' handlers read when they run, so that they never change (and cards stay memoised).
  const latest = useRef({ entries, onAccept, acceptBlocked });
  useLayoutEffect(() => {
    latest.current = { entries, onAccept, acceptBlocked };
  });

  const actions = useMemo<QueueEntryActions>(() => {
    const focusAt = (index: number) => {
      const list = latest.current.entries;
      const entry = list[Math.min(Math.max(index, 0), list.length - 1)];
      if (!entry) return;
      setActiveId(entry.assignmentId);
      items.current.get(entry.assignmentId)?.focus();
    };
    const toggle = (id: string) =>
      setExpanded((old) => {
        const next = new Set(old);
        if (!next.delete(id)) next.add(id);
        return next;
      });
    const accept = (entry: QueueItem) => {
      if (!latest.current.acceptBlocked) latest.current.onAccept(entry);
    };
    return {
      focusAt,
      toggle,
      accept,
      focused: setActiveId,
      register: (id, element) => {
        if (element) items.current.set(id, element);
        else items.current.delete(id);
      },
      keyDown: (event: KeyboardEvent<HTMLElement>, entry: QueueItem) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const index = latest.current.entries.indexOf(entry);
        switch (event.key) {
          case 'ArrowDown':
          case 'j':
            focusAt(index + 1);
            break;
          case 'ArrowUp':
          case 'k':
            focusAt(index - 1);
            break;
          case 'Home':
            focusAt(0);
            break;
          case 'End':
            focusAt(latest.current.entries.length - 1);
            break;
          case 'Enter':
            // On a button inside the card, Enter is the button's.
            if (event.target !== event.currentTarget) return;
            toggle(entry.assignmentId);
            break;
          case 'a':
          case 'A':
            accept(entry);
            break;
          default:
            return;
        }
        event.preventDefault();
      },
    };
  }, []);

  useEffect(() => {
    if (focusRequest > 0) actions.focusAt(activeIndex);
    // Only when the page asks.
  }, [focusRequest]);

  return (
    <ul className="grid gap-3" aria-label="Waiting sessions">
      {entries.map((entry, index) => (
        // Off-screen cards skip layout and paint until scrolled to (a long queue stays cheap to update).
        <li key={entry.assignmentId} className="[contain-intrinsic-size:auto_8rem] [content-visibility:auto]">
          <QueueEntryCard
            entry={entry}
            clockOffsetMs={clockOffsetMs}
            isNew={entry.arrivedAt !== undefined && now - entry.arrivedAt < NEW_HIGHLIGHT_MS}
            expanded={expanded.has(entry.assignmentId)}
            tabStop={index === activeIndex}
            accepting={acceptingId === entry.assignmentId}
            acceptBlocked={acceptBlocked}
            actions={actions}
          />
        </li>
      ))}
    </ul>
  );
}
