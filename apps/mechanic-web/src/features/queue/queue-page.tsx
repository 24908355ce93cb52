import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDuration, formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** The sessions waiting for a mechanic, oldest first (a snapshot; live updates and accept come next). */
export function QueuePage() {
  const trpc = useTRPC();
  const queue = useQuery(trpc.mechanic.queue.queryOptions());
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Queue</h1>
      {queue.isPending ? (
        <LoadingState label="Loading the queue…" />
      ) : queue.isError ? (
        <ErrorState message="The queue could not be loaded." onRetry={() => void queue.refetch()} />
      ) : queue.data.entries.length === 0 ? (
        <EmptyState title="Nobody is waiting" description="New sessions appear here." />
      ) : (
        <ul className="grid gap-2" aria-label="Waiting sessions">
          {queue.data.entries.map((entry) => (
            <li key={entry.assignmentId} className="grid gap-1 rounded-lg border bg-card p-4">
              <span className="font-medium">{formatVehicle(entry.vehicle)}</span>
              <span className="truncate text-sm text-muted-foreground">{entry.concern}</span>
              <span className="text-sm">
                {SESSION_TYPE_LABEL[entry.sessionType]} · waiting {formatDuration(entry.waitingSeconds)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
