import { useSyncExternalStore } from 'react';
import { REFRESH_INTERVALS } from './intervals.ts';

/** One clock per interval, shared by every component that reads it: one timer, one render pass per tick. */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  /** Stable, so React does not resubscribe on every render. */
  subscribe: (onTick: () => void) => () => void;
  read: () => number;
}
const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    const created: Clock = {
      now: Date.now(),
      listeners: new Set(),
      timer: undefined,
      subscribe: (onTick) => subscribe(created, intervalMs, onTick),
      read: () => created.now,
    };
    clock = created;
    clocks.set(intervalMs, clock);
  }
  return clock;
}

function subscribe(clock: Clock, intervalMs: number, onTick: () => void): () => void {
  clock.listeners.add(onTick);
  if (!clock.timer) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const listener of clock.listeners) listener();
    }, intervalMs);
  }
  return () => {
    clock.listeners.delete(onTick);
    if (clock.listeners.size === 0) {
      clearInterval(clock.timer);
      clock.timer = undefined;
    }
  };
}

/** The current time, re-rendering every `intervalMs` (for clocks that tick). */
export function useNow(intervalMs: number = REFRESH_INTERVALS.tickMs): number {
  const clock = clockOf(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read);
}
