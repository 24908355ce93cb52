import { describe, expect, it } from 'vitest';
import { QUEUE_EVENTS, queueEventFor, SESSION_EVENT_TYPES } from './events.ts';

describe('queue events', () => {
  it('uses the realtime names of the seed', () => {
    expect(Object.values(QUEUE_EVENTS).sort()).toEqual(
      ['assignment_accepted', 'assignment_cancelled', 'new_assignment'].sort(),
    );
  });

  it('announces a created session only once it is in the queue', () => {
    expect(queueEventFor('created', 'pending')).toBe('new_assignment');
    expect(queueEventFor('created', 'scheduled')).toBeUndefined();
  });

  it('maps every session event type', () => {
    const mapped = Object.fromEntries(
      SESSION_EVENT_TYPES.map((type) => [type, queueEventFor(type, 'pending')]),
    );
    expect(mapped).toEqual({
      created: 'new_assignment',
      assignment_accepted: 'assignment_accepted',
      started: undefined,
      ended: undefined,
      cancelled: 'assignment_cancelled',
      expired: 'assignment_cancelled',
    });
  });
});
