import { useNow } from '@autodoctor/ui/lib/use-now';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { QueueEntryCard } from './queue-entry-card.tsx';
import type { QueueItem } from './queue-model.ts';

/** How long a session that just arrived stays highlighted, and how often that is checked. */
const NEW_HIGHLIGHT_MS = 60_000;
const NEW_CHECK_MS = 5_000;

export interface QueueListProps {
  entries: QueueItem[];
  clockOffsetMs: number;
  onAccept: (entry: QueueItem) => void;
  acceptingId: string | null;
  acceptBlockedBy: string | null;
  /** Bumped by the page to bring focus back to the list (after a lost race). */
  focusRequest: number;
}

/**
 * The waiting sessions, oldest first, as one keyboard stop: ↑/↓ (or j/k) move
 * between sessions, Enter shows the whole concern, A accepts.
 */
export function QueueList({
  entries,
  clockOffsetMs,
  onAccept,
  acceptingId,
  acceptBlockedBy,
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

  const focusAt = (index: number) => {
    const entry = entries[Math.min(Math.max(index, 0), entries.length - 1)];
    if (!entry) return;
    setActiveId(entry.assignmentId);
    items.current.get(entry.assignmentId)?.focus();
  };

  useEffect(() => {
    if (focusRequest > 0) focusAt(activeIndex);
    // Only when the page asks.
  }, [focusRequest]);

  const toggle = (id: string) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  function onKeyDown(event: KeyboardEvent<HTMLElement>, index: number, entry: QueueItem) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onCard = event.target === event.currentTarget;
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
        focusAt(entries.length - 1);
        break;
      case 'Enter':
        if (!onCard) return;
        toggle(entry.assignmentId);
        break;
      case 'a':
      case 'A':
        if (acceptBlockedBy === null) onAccept(entry);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <ul className="grid gap-3" aria-label="Waiting sessions">
      {entries.map((entry, index) => (
        <li key={entry.assignmentId}>
          <QueueEntryCard
            ref={(element) => {
              if (element) items.current.set(entry.assignmentId, element);
              else items.current.delete(entry.assignmentId);
            }}
            entry={entry}
            clockOffsetMs={clockOffsetMs}
            isNew={entry.arrivedAt !== undefined && now - entry.arrivedAt < NEW_HIGHLIGHT_MS}
            expanded={expanded.has(entry.assignmentId)}
            onToggleExpanded={() => toggle(entry.assignmentId)}
            tabStop={index === activeIndex}
            onFocus={() => setActiveId(entry.assignmentId)}
            onKeyDown={(event) => onKeyDown(event, index, entry)}
            onAccept={() => onAccept(entry)}
            accepting={acceptingId === entry.assignmentId}
            acceptBlockedBy={acceptBlockedBy}
          />
        </li>
      ))}
    </ul>
  );
}
