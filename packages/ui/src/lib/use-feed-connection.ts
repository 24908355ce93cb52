import { useState } from 'react';
import type { ConnectionState } from '../components/connection-indicator.tsx';
import { useOnline } from './use-online.ts';

/** A subscription's status as tRPC's `useSubscription` reports it. */
export type FeedStatus = 'idle' | 'connecting' | 'pending' | 'error';

/**
 * The header's word for a live feed: "Connecting…" until it first connects (not "Reconnecting…" on
 * every page load), "Reconnecting…" after a drop, "Offline" without a network.
 */
export function useFeedConnection(status: FeedStatus): ConnectionState {
  const online = useOnline();
  const [everLive, setEverLive] = useState(false);
  // State derived while rendering (React's documented pattern): no effect, no extra frame.
  if (status === 'pending' && !everLive) setEverLive(true);
  if (!online) return 'offline';
  if (status === 'pending') return 'live';
  return everLive ? 'reconnecting' : 'connecting';
}
