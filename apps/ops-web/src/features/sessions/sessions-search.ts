import { SESSION_STATUSES, type SessionStatus } from '@autodoctor/session-core/rules/statuses';

/** The sessions page's address: what was searched (`q`: an id, an email or a VIN) and a status. */
export interface SessionsSearch {
  q?: string;
  status?: SessionStatus;
}

/** The router's validateSearch: anything unreadable is dropped, never an error page. */
export function parseSessionsSearch(search: Record<string, unknown>): SessionsSearch {
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 254) : '';
  const status = (SESSION_STATUSES as readonly unknown[]).includes(search.status)
    ? (search.status as SessionStatus)
    : undefined;
  return { ...(q ? { q } : {}), ...(status ? { status } : {}) };
}
