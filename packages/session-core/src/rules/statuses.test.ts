import { describe, expect, it } from 'vitest';
import {
  ACTIVE_SESSION_STATUSES,
  canCancel,
  canEnd,
  canStart,
  canTransition,
  isActiveStatus,
  isRoomOpen,
  isTerminalStatus,
  SESSION_STATUSES,
  sourcesOf,
  TERMINAL_SESSION_STATUSES,
  type SessionStatus,
} from './statuses.ts';

// The status machine written out by hand, independently of SESSION_TRANSITIONS.
const ALLOWED = new Set([
  'pending→waiting',
  'waiting→live',
  'live→ended',
  'scheduled→pending',
  'pending→cancelled',
  'waiting→cancelled',
  'scheduled→cancelled',
  'pending→expired',
  'waiting→expired',
  // An operator puts the session back in the queue.
  'waiting→pending',
  'live→pending',
]);

const allPairs = SESSION_STATUSES.flatMap((from) => SESSION_STATUSES.map((to) => [from, to] as const));

describe('session status machine', () => {
  it('knows the seven statuses', () => {
    expect([...SESSION_STATUSES].sort()).toEqual(
      ['cancelled', 'ended', 'expired', 'live', 'pending', 'scheduled', 'waiting'].sort(),
    );
  });

  it.each(allPairs.filter(([from, to]) => ALLOWED.has(`${from}→${to}`)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(allPairs.filter(([from, to]) => !ALLOWED.has(`${from}→${to}`)))('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('covers all 49 pairs, 11 allowed', () => {
    expect(allPairs).toHaveLength(49);
    expect(allPairs.filter(([from, to]) => canTransition(from, to))).toHaveLength(ALLOWED.size);
  });

  it('lets nothing leave ended, cancelled or expired', () => {
    expect([...TERMINAL_SESSION_STATUSES].sort()).toEqual(['cancelled', 'ended', 'expired']);
    for (const status of TERMINAL_SESSION_STATUSES) expect(isTerminalStatus(status)).toBe(true);
    expect(isTerminalStatus('live')).toBe(false);
  });

  it('derives where each status can be reached from', () => {
    const sources: Record<SessionStatus, SessionStatus[]> = {
      pending: ['scheduled', 'waiting', 'live'],
      waiting: ['pending'],
      live: ['waiting'],
      ended: ['live'],
      scheduled: [],
      cancelled: ['pending', 'waiting', 'scheduled'],
      expired: ['pending', 'waiting'],
    };
    for (const status of SESSION_STATUSES) expect(sourcesOf(status).sort()).toEqual(sources[status].sort());
  });

  it('treats pending, waiting, live and scheduled as active', () => {
    expect([...ACTIVE_SESSION_STATUSES].sort()).toEqual(['live', 'pending', 'scheduled', 'waiting']);
    expect(SESSION_STATUSES.filter(isActiveStatus).sort()).toEqual([
      'live',
      'pending',
      'scheduled',
      'waiting',
    ]);
  });
});

describe('what each status allows the apps to offer', () => {
  const offering = (allows: (status: SessionStatus) => boolean) => SESSION_STATUSES.filter(allows).sort();

  it('starts an accepted session, ends a live one, cancels one not yet live', () => {
    expect(offering(canStart)).toEqual(['waiting']);
    expect(offering(canEnd)).toEqual(['live']);
    expect(offering(canCancel)).toEqual(['pending', 'scheduled', 'waiting']);
  });

  it('opens the room from the accept until the end', () => {
    expect(offering(isRoomOpen)).toEqual(['live', 'waiting']);
  });

  it('offers an end or a cancel exactly while the session occupies its customer', () => {
    for (const status of SESSION_STATUSES) {
      expect(canEnd(status) || canCancel(status)).toBe(isActiveStatus(status));
    }
  });
});
