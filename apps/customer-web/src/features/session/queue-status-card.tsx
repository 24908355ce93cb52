import { formatDuration } from '@autodoctor/ui/lib/format';
import { REFRESH_INTERVALS } from '@autodoctor/ui/lib/intervals';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import { MechanicsOnline } from '../live/mechanics-online.tsx';
import { useMechanicsOnline } from '../live/use-mechanics-online.ts';

/** A pending session's place in the queue, how long it has waited, and the estimated wait. */
export function QueueStatusCard({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const now = useNow();
  const queue = useQuery(
    trpc.customer.queueStatus.queryOptions(
      { sessionId },
      {
        refetchInterval: REFRESH_INTERVALS.queueStatusMs,
        select: (data) => ({ ...data, readAt: Date.now() }),
      },
    ),
  );
  // Pushed as mechanics switch on or off: the queue's 15 s refresh would show it late.
  const mechanicsOnline = useMechanicsOnline(queue.data?.mechanicsOnline);
  if (!queue.data) {
    return (
      <p className="text-sm text-muted-foreground" role="status">
        {queue.isError ? 'Your place in the queue could not be loaded.' : 'Finding your place in the queue…'}
      </p>
    );
  }
  const { position, waitingSeconds, estimatedWaitSeconds, estimateSampleSize, readAt } = queue.data;
  const elapsed = Math.max(0, (now - readAt) / 1000);
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div className="rounded-lg bg-muted p-3">
          <dt className="text-xs font-medium text-muted-foreground">Place in the queue</dt>
          <dd className="text-2xl font-semibold">
            <span role="status" aria-label={`Place in the queue: ${position ?? 'not queued'}`}>
              {position ?? '—'}
            </span>
          </dd>
        </div>
        <div className="rounded-lg bg-muted p-3">
          <dt className="text-xs font-medium text-muted-foreground">Waiting for</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatDuration(waitingSeconds + elapsed)}</dd>
        </div>
        <div className="rounded-lg bg-muted p-3">
          <dt className="text-xs font-medium text-muted-foreground">Estimated wait</dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {estimatedWaitSeconds === null
              ? 'Not known yet'
              : estimatedWaitSeconds - elapsed <= 0
                ? 'Any moment'
                : `about ${formatDuration(estimatedWaitSeconds - elapsed)}`}
          </dd>
          <dd className="mt-1 text-xs text-muted-foreground">
            {estimatedWaitSeconds === null
              ? 'Too few sessions were accepted lately to estimate.'
              : `From the median wait of the last ${estimateSampleSize} accepted sessions (past 24 h), minus your wait so far.`}
          </dd>
        </div>
      </dl>
      <MechanicsOnline count={mechanicsOnline ?? queue.data.mechanicsOnline} />
    </div>
  );
}
