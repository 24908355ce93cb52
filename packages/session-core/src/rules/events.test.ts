import { describe, expect, it } from 'vitest';
import { QUEUE_EVENTS, queueEventFor, SESSION_EVENT_TYPES } from './events.ts';

describe('queue events', () => {
  it('uses the realtime names of the seed', () => {
    expect(Object.values(QUEUE_EVENTS).sort()).toEqual(
      ['assignment_accepted', 'assignment_cancelled', 'new_assignment'].sort(),
    );
  });

  it('announces a created session only once it is in the queue', () => {
    expect(queueEventFor({ type: 'created', to: 'pending' })).toBe('new_assignment');
    expect(queueEventFor({ type: 'created', to: 'scheduled' })).toBeUndefined();
    expect(queueEventFor({ type: 'entered_queue', from: 'scheduled', to: 'pending' })).toBe('new_assignment');
  });

  it('announces a session leaving the queue only when it was in it', () => {
    expect(queueEventFor({ type: 'cancelled', from: 'pending', to: 'cancelled' })).toBe(
      'assignment_cancelled',
    );
    expect(queueEventFor({ type: 'expired', from: 'pending', to: 'expired' })).toBe('assignment_cancelled');
    expect(queueEventFor({ type: 'cancelled', from: 'scheduled', to: 'cancelled' })).toBeUndefined();
    expect(queueEventFor({ type: 'expired', from: 'waiting', to: 'expired' })).toBeUndefined();
  });

  it('maps every session event type', () => {
    const mapped = Object.fromEntries(
      SESSION_EVENT_TYPES.map((type) => [type, queueEventFor({ type, from: 'pending', to: 'pending' })]),
    );
    expect(mapped).toEqual({
      created: 'new_assignment',
      entered_queue: 'new_assignment',
      assignment_accepted: 'assignment_accepted',
      started: undefined,
      ended: undefined,
      cancelled: 'assignment_cancelled',
      expired: 'assignment_cancelled',
    });
  });
});
