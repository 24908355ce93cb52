import { HISTORY_INPUT, HISTORY_PAGING, SessionHistory } from '@autodoctor/app-shell/session-history';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { RatingStars } from '@autodoctor/ui/rating-stars';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';

/** The customer's sessions, newest first, a page at a time. */
export function HistoryList() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(trpc.customer.history.infiniteQueryOptions(HISTORY_INPUT, HISTORY_PAGING));
  return (
    <SessionHistory
      history={history}
      label="Your sessions"
      detailOf={(session) => (
        <>
          {SESSION_TYPE_LABEL[session.type]} · {chargeOf(session)}
          {session.mechanic ? ` · ${session.mechanic.name}` : ''}
          {session.summary
            ? ` · ${session.summary.workshopVisitNeeded ? 'Workshop visit needed' : 'No workshop visit needed'}`
            : ''}
          {session.rating ? (
            <>
              {' · you rated '}
              <RatingStars stars={session.rating.stars} className="align-text-bottom" />
            </>
          ) : null}
        </>
      )}
      emptyDescription="When you start a session, it is listed here with what it cost and who helped you."
      emptyAction={<Link to="/new">Start your first session</Link>}
    />
  );
}

function chargeOf(session: {
  type: string;
  chargedCredits: number;
  chargedAmountCents: number;
  currency: string | null;
}) {
  if (session.type === 'paid') return formatMoney(session.chargedAmountCents, session.currency);
  if (session.type === 'credit') return `${session.chargedCredits} credit`;
  return 'free';
}
