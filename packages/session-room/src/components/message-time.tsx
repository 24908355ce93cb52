import { formatDateTime } from '@autodoctor/ui/lib/format';

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "10:42" today, "Dec 1, 10:42" before (the viewer's locale and time zone); the full date on hover. */
export function MessageTime({
  at,
  now = new Date(),
  className,
}: {
  at: Date;
  now?: Date;
  className?: string;
}) {
  const sameDay = at.toDateString() === now.toDateString();
  return (
    <time dateTime={at.toISOString()} title={formatDateTime(at)} className={className}>
      {(sameDay ? timeOnly : dayAndTime).format(at)}
    </time>
  );
}
