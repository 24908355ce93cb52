import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFeedConnection, type FeedStatus } from './use-feed-connection.ts';

afterEach(() => vi.restoreAllMocks());

describe('useFeedConnection', () => {
  it('says Connecting until the feed first connects, Reconnecting only after a drop', () => {
    const { result, rerender } = renderHook(
      ({ status }: { status: FeedStatus }) => useFeedConnection(status),
      {
        initialProps: { status: 'connecting' },
      },
    );
    expect(result.current).toBe('connecting');
    rerender({ status: 'pending' });
    expect(result.current).toBe('live');
    rerender({ status: 'connecting' });
    expect(result.current).toBe('reconnecting');
    rerender({ status: 'error' });
    expect(result.current).toBe('reconnecting');
    rerender({ status: 'pending' });
    expect(result.current).toBe('live');
  });

  it('says Offline while the browser is offline, whatever the feed', () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { result } = renderHook(() => useFeedConnection('pending'));
    expect(result.current).toBe('offline');
    onLine.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(result.current).toBe('live');
  });
});
