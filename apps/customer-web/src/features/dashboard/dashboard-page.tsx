import { Button } from '@autodoctor/ui/button';
import { Link, useRouteContext } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useActiveSession } from '../active-session/use-active-session.ts';
import { OpenQuotes } from '../quotes/open-quotes.tsx';
import { HistoryList } from './history-list.tsx';

/** Home: the banner (from the layout) shows the active session; here, a way to start one and the history. */
export function DashboardPage() {
  const { user } = useRouteContext({ from: '/signed-in' });
  const { data: active } = useActiveSession();
  const firstName = user.name.split(' ')[0] ?? user.name;
  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Hello, {firstName}</h1>
        {active ? null : (
          <Button asChild>
            <Link to="/new">
              <Plus aria-hidden="true" />
              New session
            </Link>
          </Button>
        )}
      </div>
      <OpenQuotes />
      <section aria-labelledby="history-heading" className="grid gap-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Your sessions
        </h2>
        <HistoryList />
      </section>
    </div>
  );
}
