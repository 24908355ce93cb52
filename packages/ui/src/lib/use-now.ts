import { useEffect, useState } from 'react';
import { REFRESH_INTERVALS } from './intervals.ts';

/** The current time, re-rendering every `intervalMs` (for clocks that tick). */
export function useNow(intervalMs: number = REFRESH_INTERVALS.tickMs): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
