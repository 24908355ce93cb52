import { HISTORY_INPUT, HISTORY_PAGING, SessionHistory } from '@autodoctor/app-shell/session-history';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';
import { usePageTitle } from '../../app/use-page-title.ts';

/** The sessions this mechanic handled, newest first, a page at a time. */
export function HistoryPage() {
  usePageTitle('History');
  const trpc = useTRPC();
  const history = useInfiniteQuery(trpc.mechanic.history.infiniteQueryOptions(HISTORY_INPUT, HISTORY_PAGING));
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">History</h1>
      <SessionHistory
        history={history}
        label="Sessions you handled"
        detailOf={(session) => SESSION_TYPE_LABEL[session.type]}
        emptyDescription="The sessions you accept are listed here, newest first."
        emptyAction={<Link to="/">Go to the queue</Link>}
      />
    </div>
  );
}
