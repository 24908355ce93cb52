import type { SessionStatus } from '@autodoctor/session-core/rules';
import { QUOTE_WINDOW_AFTER_END_DAYS } from '@autodoctor/session-core/rules';

const DAY_MS = 86_400_000;

/**
 * Whether the mechanic may still write quotes for the session: while it is live, and for
 * QUOTE_WINDOW_AFTER_END_DAYS after it ended (session-core decides; this only offers the editor).
 */
export function isQuotable(
  session: { status: SessionStatus; endedAt: Date | null },
  now = Date.now(),
): boolean {
  if (session.status === 'live') return true;
  return (
    session.status === 'ended' &&
    session.endedAt !== null &&
    session.endedAt.getTime() > now - QUOTE_WINDOW_AFTER_END_DAYS * DAY_MS
  );
}
