import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now.ts';

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('ticks every interval, one timer shared by all readers, gone when nobody reads', () => {
    const first = renderHook(() => useNow(1000));
    const second = renderHook(() => useNow(1000));
    expect(vi.getTimerCount()).toBe(1);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(first.result.current).toBe(Date.parse('2026-12-02T10:00:01Z'));
    expect(second.result.current).toBe(first.result.current);
    first.unmount();
    second.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a clock of its own for another interval', () => {
    const slow = renderHook(() => useNow(5000));
    const fast = renderHook(() => useNow(1000));
    expect(vi.getTimerCount()).toBe(2);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(fast.result.current - slow.result.current).toBe(3000);
    slow.unmount();
    fast.unmount();
  });
});
