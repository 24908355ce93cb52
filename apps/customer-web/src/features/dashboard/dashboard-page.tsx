import { Button } from '@autodoctor/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@autodoctor/ui/card';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { STATUS_DESCRIPTION } from '@autodoctor/ui/lib/session-status';
import { StatusPill } from '@autodoctor/ui/status-pill';
import { Link, useRouteContext } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useActiveSession } from '../active-session/use-active-session.ts';
import { HistoryList } from './history-list.tsx';

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
      {active ? (
        <Card>
          <CardHeader>
            <CardTitle>Your active session</CardTitle>
            <CardDescription>{STATUS_DESCRIPTION[active.status]}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center justify-between gap-3">
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{formatVehicle(active.vehicle)}</span>
              <StatusPill status={active.status} />
              {active.mechanic ? (
                <span className="text-sm text-muted-foreground">with {active.mechanic.name}</span>
              ) : null}
            </span>
            <Button asChild variant="outline">
              <Link to="/sessions/$sessionId" params={{ sessionId: active.id }}>
                Open session
              </Link>
            </Button>
          </CardContent>
        </Card>
      ) : null}
      <section aria-labelledby="history-heading" className="grid gap-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Your sessions
        </h2>
        <HistoryList />
      </section>
    </div>
  );
}
