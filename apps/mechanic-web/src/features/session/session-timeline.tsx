import { formatDateTime } from '@autodoctor/ui/lib/format';
import { SESSION_EVENT_LABEL } from '@autodoctor/ui/lib/session-status';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** What happened to the session and when: requested, accepted, started, ended. */
export function SessionTimeline({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.session.timeline.queryOptions({ sessionId }));
  if (!timeline.isSuccess) return null;
  return (
    <section aria-labelledby="timeline-heading" className="grid gap-3">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      <ol className="grid gap-2 border-l-2 border-slate-200 pl-4">
        {timeline.data.events.map((event) => (
          <li key={event.id} className="grid text-sm sm:grid-cols-[10rem_1fr] sm:gap-4">
            <span className="font-medium">{SESSION_EVENT_LABEL[event.type]}</span>
            <time dateTime={event.at.toISOString()} className="text-muted-foreground">
              {formatDateTime(event.at)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
