import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { usePageTitle } from '../../app/use-page-title.ts';
import { useActiveSession } from '../active-session/use-active-session.ts';
import { PushSettings } from '../push/push-settings.tsx';
import { AlertSettings } from './alert-settings.tsx';
import { KeyboardHelp } from './keyboard-help.tsx';
import { QueueList } from './queue-list.tsx';
import { useQueueLive } from './queue-live.ts';
import { queueQueryOptions } from './queue-query.ts';
import { UpcomingList } from './upcoming-list.tsx';
import { useAcceptSession } from './use-accept-session.ts';

/** The live queue: sessions waiting for a mechanic, oldest first, and Accept. */
export function QueuePage() {
  usePageTitle('Queue');
  const trpc = useTRPC();
  const queue = useQuery(queueQueryOptions(trpc));
  const { announcement, clockOffsetMs } = useQueueLive();
  const { data: activeSession } = useActiveSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  // Refused (another mechanic was first): focus goes back to the list, or to the heading when it is empty.
  const { accept, acceptingId, refusal, dismissRefusal } = useAcceptSession({
    onRefused: () => setFocusRequest((n) => n + 1),
  });

  // The active session's notice below says why; one accept at a time.
  const acceptBlocked = Boolean(activeSession) || acceptingId !== null;
  const count = queue.data?.entries.length ?? 0;
  useEffect(() => {
    if (focusRequest > 0 && count === 0) heading.current?.focus();
  }, [focusRequest]);

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold outline-none">
          Queue
        </h1>
        {queue.isSuccess ? (
          <p className="text-sm text-muted-foreground">
            {count === 1 ? '1 session waiting' : `${count} sessions waiting`}, oldest first
          </p>
        ) : null}
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>

      {refusal ? (
        <Alert tone="error" title="Not accepted">
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {refusal.message}
            <Button variant="link" size="sm" className="h-auto px-0" onClick={dismissRefusal}>
              Dismiss
            </Button>
          </span>
        </Alert>
      ) : null}
      {activeSession ? (
        <Alert tone="info" title="You have an active session">
          Accept is off until it is over.{' '}
          <Link to="/sessions/$sessionId" params={{ sessionId: activeSession.id }} className="underline">
            Go to your session
          </Link>
        </Alert>
      ) : null}

      {queue.isPending ? (
        <LoadingState label="Loading the queue…" />
      ) : queue.isError ? (
        <ErrorState message="The queue could not be loaded." onRetry={() => void queue.refetch()} />
      ) : count === 0 ? (
        <EmptyState
          title="Nobody is waiting"
          description="New sessions appear here as customers start them, without a reload."
        />
      ) : (
        <QueueList
          entries={queue.data.entries}
          clockOffsetMs={clockOffsetMs}
          onAccept={accept}
          acceptingId={acceptingId}
          acceptBlocked={acceptBlocked}
          focusRequest={focusRequest}
        />
      )}

      <KeyboardHelp />
      <AlertSettings />
      <PushSettings />
      <UpcomingList />
    </div>
  );
}
