import type { QueueFeedEvent } from '@autodoctor/api/router';
import type { RouterOutputs } from '../../app/trpc.ts';

/** The cached queue: the snapshot from `mechanic.queue`, kept current by `mechanic.queueFeed`. */
export type QueueData = RouterOutputs['mechanic']['queue'];
export type QueueItem = QueueData['entries'][number] & {
  /** Client time when it arrived over the live feed (not in the first snapshot): it is shown as new. */
  arrivedAt?: number;
};

/** Oldest first, as the server orders it: by queuedAt, then assignment id. */
function byQueueOrder(a: QueueItem, b: QueueItem): number {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || (a.assignmentId < b.assignmentId ? -1 : 1);
}

/**
 * The queue after one feed event. Idempotent: the snapshot may already hold what a
 * replayed event adds, and a removal may name an assignment that is gone already.
 */
export function applyQueueEvent(
  entries: readonly QueueItem[],
  event: QueueFeedEvent,
  now: number,
): QueueItem[] {
  switch (event.type) {
    case 'new_assignment': {
      if (entries.some((entry) => entry.assignmentId === event.entry.assignmentId)) return [...entries];
      const added: QueueItem = { ...event.entry, waitingSeconds: 0, arrivedAt: now };
      return [...entries, added].sort(byQueueOrder);
    }
    case 'assignment_accepted':
    case 'assignment_cancelled':
      return withoutAssignment(entries, event.assignmentId);
  }
}

export function withoutAssignment(entries: readonly QueueItem[], assignmentId: string): QueueItem[] {
  return entries.filter((entry) => entry.assignmentId !== assignmentId);
}

/**
 * How far the browser's clock is ahead of the database's, in ms, from a snapshot
 * (each entry's waitingSeconds was measured by the database when it was read).
 * Waiting times are then ticked by the browser without the two clocks disagreeing.
 */
export function clockOffsetMs(entries: readonly QueueItem[], receivedAt: number): number {
  const offsets = entries
    .filter((entry) => entry.arrivedAt === undefined)
    .map((entry) => receivedAt - (entry.queuedAt.getTime() + entry.waitingSeconds * 1000));
  if (offsets.length === 0) return 0;
  offsets.sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)]!;
}

/** Seconds an entry has waited at `now` (browser time), by the database's clock. */
export function waitedSeconds(entry: QueueItem, now: number, offsetMs: number): number {
  return Math.max(0, Math.floor((now - offsetMs - entry.queuedAt.getTime()) / 1000));
}
