import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { createContext, useContext } from 'react';

/** The state of the app's live feed (null: nothing to follow right now). */
export const LiveConnectionContext = createContext<ConnectionState | null>(null);

export function useLiveConnection(): ConnectionState | null {
  return useContext(LiveConnectionContext);
}
