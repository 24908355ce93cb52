import { formatMoney } from '@autodoctor/ui/lib/format';

export { formatMoney };

// Mail is rendered on the server, far from the reader's time zone: times are in UTC, and say so.
const dateTimeUtc = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Dec 7, 2026, 9:30 AM UTC" from an ISO 8601 string. */
export function formatDateTimeUtc(iso: string): string {
  return `${dateTimeUtc.format(new Date(iso))} UTC`;
}

/** "1 credit", "5 credits". */
export function formatCredits(credits: number): string {
  return `${credits} ${credits === 1 ? 'credit' : 'credits'}`;
}

/** "1 message", "12 messages". */
export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "45 minutes", "1 h 5 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return formatCount(minutes, 'minute');
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}

/**
 * A subject line: one line (no control characters: a hostile name cannot add a header line),
 * trimmed to what inboxes show.
 */
export function subjectLine(text: string): string {
  const line = text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
