import { ErrorState } from '@autodoctor/ui/error-state';
import { viewerTimeZone } from '@autodoctor/ui/lib/format';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { resolveRange, type ResolvedRange } from './analytics-range.ts';
import { PanelCard } from './panel-card.tsx';
import { RangePicker } from './range-picker.tsx';

const route = getRouteApi('/signed-in/');

const rangeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The analytics: the range picker, then every panel for that range, in the operator's time zone. */
export function AnalyticsPage() {
  useEffect(() => {
    document.title = 'Analytics · AutoDoctor operations';
  }, []);
  const search = route.useSearch();
  const timeZone = viewerTimeZone();
  const trpc = useTRPC();
  const panels = useQuery(trpc.ops.panels.queryOptions());
  const resolution = resolveRange(search, new Date(), timeZone);

  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">Analytics</h1>
        <RangePicker search={search} />
        {resolution.ok ? (
          <RangeSummary range={resolution.range} timeZone={timeZone} />
        ) : (
          <p role="alert" className="text-sm font-medium text-destructive">
            {resolution.message}
          </p>
        )}
      </div>
      {panels.isPending ? <LoadingState label="Loading the panels…" /> : null}
      {panels.isError ? (
        <ErrorState message="The panels could not be loaded." onRetry={() => void panels.refetch()} />
      ) : null}
      {panels.data && resolution.ok ? (
        <div className="grid gap-6 xl:grid-cols-2">
          {panels.data.map((panel) => (
            <PanelCard key={panel.id} panel={panel} range={resolution.range} timeZone={timeZone} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function RangeSummary({ range, timeZone }: { range: ResolvedRange; timeZone: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      {rangeFormat.format(range.from)} to {rangeFormat.format(range.to)}, by {range.bucket} ({timeZone})
    </p>
  );
}
