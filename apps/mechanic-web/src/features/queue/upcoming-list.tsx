import { formatDateTime, formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** How often the upcoming list refreshes (a due session also refreshes it through the feed). */
const UPCOMING_REFRESH_MS = 60_000;

/** Sessions booked for later, soonest first: they join the queue when due. */
export function UpcomingList() {
  const trpc = useTRPC();
  const upcoming = useQuery(
    trpc.mechanic.upcoming.queryOptions(undefined, { refetchInterval: UPCOMING_REFRESH_MS }),
  );
  if (!upcoming.isSuccess || upcoming.data.entries.length === 0) return null;
  return (
    <section aria-labelledby="upcoming-heading" className="grid gap-3">
      <h2 id="upcoming-heading" className="text-lg font-semibold">
        Upcoming
      </h2>
      <p className="text-sm text-muted-foreground">
        Booked for later: each joins the queue at its start time.
      </p>
      <ul className="grid gap-2" aria-label="Upcoming sessions">
        {upcoming.data.entries.map((entry) => (
          <li key={entry.assignmentId} className="grid gap-1 rounded-lg border border-dashed bg-card p-4">
            <span className="font-medium">{formatVehicle(entry.vehicle)}</span>
            <span className="text-sm text-muted-foreground">
              {SESSION_TYPE_LABEL[entry.sessionType]} · starts {formatDateTime(entry.scheduledFor)}
            </span>
            <span className="line-clamp-2 text-sm">{entry.concern}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
