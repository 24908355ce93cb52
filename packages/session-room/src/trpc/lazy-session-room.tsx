import { LoadingState } from '@autodoctor/ui/loading-state';
import { lazy, Suspense } from 'react';
import type { SessionRoomProps } from './session-room.tsx';

// The room's code (transcript, composer, uploads) loads with the first page that shows a room.
const SessionRoom = lazy(() => import('./session-room.tsx'));

/** The session room, loaded on first use; a fresh transcript for each session (a page may stay mounted across them). */
export function LazySessionRoom(props: SessionRoomProps) {
  return (
    <Suspense fallback={<LoadingState label="Opening the conversation…" />}>
      <SessionRoom key={props.sessionId} {...props} />
    </Suspense>
  );
}
