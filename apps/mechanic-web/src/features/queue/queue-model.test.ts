import type { QueueFeedEvent } from '@autodoctor/api/router';
import { describe, expect, it } from 'vitest';
import {
  applyQueueEvent,
  clockOffsetMs,
  waitedSeconds,
  withoutAssignment,
  type QueueItem,
} from './queue-model.ts';

const vehicle = { year: 2017, make: 'Honda', model: 'Civic', vin: null };

function entry(id: string, queuedAt: string, waitingSeconds = 0): QueueItem {
  return {
    assignmentId: id,
    sessionId: `s-${id}`,
    sessionType: 'free',
    vehicle,
    concern: 'Grinding noise',
    queuedAt: new Date(queuedAt),
    waitingSeconds,
  };
}

const added = (item: QueueItem): QueueFeedEvent => ({ type: 'new_assignment', entry: item });

describe('applyQueueEvent', () => {
  it('adds a new session in queue order, marked as arrived now', () => {
    const queue = [entry('a', '2026-12-02T10:00:00Z'), entry('c', '2026-12-02T10:10:00Z')];
    const next = applyQueueEvent(queue, added(entry('b', '2026-12-02T10:05:00Z')), 42);
    expect(next.map((item) => item.assignmentId)).toEqual(['a', 'b', 'c']);
    expect(next[1]).toMatchObject({ arrivedAt: 42 });
    expect(queue).toHaveLength(2);
  });

  it('ignores an event it already shows (replayed after a reconnect)', () => {
    const queue = [entry('a', '2026-12-02T10:00:00Z')];
    const next = applyQueueEvent(queue, added(entry('a', '2026-12-02T10:00:00Z')), 42);
    expect(next).toEqual(queue);
    expect(next[0]?.arrivedAt).toBeUndefined();
  });

  it('removes accepted and cancelled (or expired) sessions, and shrugs at unknown ones', () => {
    const queue = [entry('a', '2026-12-02T10:00:00Z'), entry('b', '2026-12-02T10:01:00Z')];
    const ids = { sessionId: 'x' };
    const accepted = applyQueueEvent(queue, { type: 'assignment_accepted', assignmentId: 'a', ...ids }, 0);
    expect(accepted.map((item) => item.assignmentId)).toEqual(['b']);
    const cancelled = applyQueueEvent(
      accepted,
      { type: 'assignment_cancelled', assignmentId: 'b', ...ids },
      0,
    );
    expect(cancelled).toEqual([]);
    expect(
      applyQueueEvent(cancelled, { type: 'assignment_cancelled', assignmentId: 'zz', ...ids }, 0),
    ).toEqual([]);
  });

  it('orders entries queued at the same moment by assignment id, as the server does', () => {
    const at = '2026-12-02T10:00:00Z';
    const next = applyQueueEvent([entry('b', at)], added(entry('a', at)), 1);
    expect(next.map((item) => item.assignmentId)).toEqual(['a', 'b']);
  });
});

describe('waiting times', () => {
  it('tick by the database clock even when the browser clock is off', () => {
    const queuedAt = Date.parse('2026-12-02T10:00:00Z');
    // The database says 60 s; the browser, 5 minutes fast, would say 360 s.
    const receivedAt = queuedAt + 360_000;
    const queue = [entry('a', '2026-12-02T10:00:00Z', 60)];
    const offset = clockOffsetMs(queue, receivedAt);
    expect(offset).toBe(300_000);
    expect(waitedSeconds(queue[0]!, receivedAt + 10_000, offset)).toBe(70);
  });

  it('has no offset without a snapshot entry, and never goes below zero', () => {
    expect(clockOffsetMs([], 123)).toBe(0);
    const future = entry('a', '2026-12-02T10:00:00Z');
    expect(waitedSeconds(future, Date.parse('2026-12-02T09:00:00Z'), 0)).toBe(0);
  });

  it('withoutAssignment leaves the others', () => {
    const queue = [entry('a', '2026-12-02T10:00:00Z'), entry('b', '2026-12-02T10:01:00Z')];
    expect(withoutAssignment(queue, 'a').map((item) => item.assignmentId)).toEqual(['b']);
  });
});
