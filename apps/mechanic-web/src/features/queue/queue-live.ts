import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { createContext, useContext } from 'react';

/** The live queue as the signed-in layout follows it, for the screens under it. */
export interface QueueLive {
  connection: ConnectionState;
  /** The latest news for screen readers, e.g. "New session: 2017 Honda Civic, Free session". */
  announcement: string;
  /** How far the browser's clock is ahead of the database's (see clockOffsetMs). */
  clockOffsetMs: number;
}

export const QueueLiveContext = createContext<QueueLive>({
  connection: 'connecting',
  announcement: '',
  clockOffsetMs: 0,
});

export function useQueueLive(): QueueLive {
  return useContext(QueueLiveContext);
}
