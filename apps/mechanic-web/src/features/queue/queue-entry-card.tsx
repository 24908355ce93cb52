import { Button } from '@autodoctor/ui/button';
import { formatDuration, formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { cn } from '@autodoctor/ui/lib/cn';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { memo, useId, type KeyboardEvent } from 'react';
import { waitedSeconds, type QueueItem } from './queue-model.ts';

/** What a card can ask of its list; one object for all cards, never changing. */
export interface QueueEntryActions {
  focusAt: (index: number) => void;
  focused: (assignmentId: string) => void;
  toggle: (assignmentId: string) => void;
  accept: (entry: QueueItem) => void;
  register: (assignmentId: string, element: HTMLElement | null) => void;
  keyDown: (event: KeyboardEvent<HTMLElement>, entry: QueueItem) => void;
}

export interface QueueEntryCardProps {
  entry: QueueItem;
  /** How far the browser's clock is ahead of the database's (see clockOffsetMs). */
  clockOffsetMs: number;
  /** Arrived over the live feed a moment ago: highlighted. */
  isNew: boolean;
  expanded: boolean;
  /** Only the entry the keyboard is on takes Tab (a roving tab stop). */
  tabStop: boolean;
  accepting: boolean;
  /** Accept is off (an active session, or another accept under way; the page says why). */
  acceptBlocked: boolean;
  actions: QueueEntryActions;
}

/** One waiting session: vehicle, type, how long it has waited, the concern, Accept. */
export const QueueEntryCard = memo(function QueueEntryCard(props: QueueEntryCardProps) {
  const { entry, expanded, isNew, actions } = props;
  const titleId = useId();
  const detailsId = useId();
  const vehicle = formatVehicle(entry.vehicle);
  return (
    <article
      ref={(element) => actions.register(entry.assignmentId, element)}
      tabIndex={props.tabStop ? 0 : -1}
      aria-labelledby={titleId}
      aria-describedby={detailsId}
      onFocus={(event) => {
        if (event.target === event.currentTarget) actions.focused(entry.assignmentId);
      }}
      onKeyDown={(event) => actions.keyDown(event, entry)}
      className={cn(
        'grid gap-3 rounded-lg border bg-card p-4 outline-none focus-visible:ring-2 focus-visible:ring-ring sm:grid-cols-[1fr_auto] sm:items-start',
        isNew && 'border-amber-400 bg-amber-50',
      )}
    >
      <div className="grid min-w-0 gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={titleId} className="font-semibold">
            {vehicle}
          </h3>
          {isNew ? (
            <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">
              New
            </span>
          ) : null}
        </div>
        <p id={detailsId} className="text-sm text-muted-foreground">
          {SESSION_TYPE_LABEL[entry.sessionType]} · waiting{' '}
          <WaitingTime entry={entry} clockOffsetMs={props.clockOffsetMs} />
          {entry.vehicle.vin ? <> · VIN {entry.vehicle.vin}</> : null}
        </p>
        <p className={cn('text-sm whitespace-pre-wrap', !expanded && 'line-clamp-2')}>{entry.concern}</p>
        {isLong(entry.concern) ? (
          <button
            type="button"
            className="justify-self-start text-sm font-medium text-primary underline-offset-4 hover:underline"
            aria-expanded={expanded}
            onClick={() => actions.toggle(entry.assignmentId)}
          >
            {expanded ? 'Show less' : 'Show full concern'}
          </button>
        ) : null}
      </div>
      <div className="grid gap-1 sm:justify-items-end">
        <Button
          onClick={() => actions.accept(entry)}
          pending={props.accepting}
          disabled={props.acceptBlocked}
          aria-label={`Accept ${vehicle}`}
        >
          Accept
        </Button>
      </div>
    </article>
  );
});

/** Whether the concern may not fit in two lines (then it can be opened in full). */
function isLong(concern: string): boolean {
  return concern.length > 120 || concern.includes('\n');
}

/** The ticking wait: only this re-renders every second, not the card or the list. */
function WaitingTime({ entry, clockOffsetMs }: { entry: QueueItem; clockOffsetMs: number }) {
  const now = useNow();
  return (
    <span className="font-medium text-foreground tabular-nums">
      {formatDuration(waitedSeconds(entry, now, clockOffsetMs))}
    </span>
  );
}
