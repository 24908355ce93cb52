import { panelToCsv } from '@autodoctor/analytics/csv';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { ErrorState } from '@autodoctor/ui/error-state';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { saveTextFile } from '@autodoctor/ui/lib/save-text-file';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { lazy, Suspense, useId } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { localDate, type ResolvedRange } from './analytics-range.ts';
import { IntakeHeatmap } from './intake-heatmap.tsx';
import { LIVE_PANEL_REFRESH_MS, PANEL_CHARTS } from './panel-charts.ts';
import { PanelFigures } from './panel-figures.tsx';
import { PanelTable } from './panel-table.tsx';
import type { PanelId, PanelResult } from './panel-types.ts';

const TimeSeriesChart = lazy(() => import('./time-series-chart.tsx'));

/** One panel: its title, chart, table and CSV download, for the chosen range. */
export function PanelCard({
  panel,
  range,
  timeZone,
}: {
  panel: { id: PanelId; title: string };
  range: ResolvedRange;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const headingId = useId();
  const chart = PANEL_CHARTS[panel.id];
  const live = chart.kind === 'figures';
  const query = useQuery({
    ...trpc.ops.panel.queryOptions({
      panelId: panel.id,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      timeZone,
      bucket: range.bucket,
    }),
    // While a new range loads, the old numbers stay on screen (marked busy) rather than a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_PANEL_REFRESH_MS : false,
  });

  function downloadCsv(result: PanelResult) {
    const period = live
      ? localDate(new Date(), timeZone)
      : `${localDate(range.from, timeZone)}_${localDate(new Date(range.to.getTime() - 1), timeZone)}`;
    saveTextFile(`autodoctor-${panel.id.replaceAll('_', '-')}-${period}.csv`, panelToCsv(result), 'text/csv');
  }

  return (
    <Card>
      <CardContent className="grid gap-4">
        <section aria-labelledby={headingId} aria-busy={query.isFetching} className="grid gap-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={headingId} className="text-lg font-semibold">
              {panel.title}
              {live ? <span className="ml-2 text-sm font-normal text-muted-foreground">live</span> : null}
            </h2>
            <Button
              variant="outline"
              size="sm"
              disabled={!query.data}
              onClick={() => query.data && downloadCsv(query.data)}
              aria-label={`Download CSV: ${panel.title}`}
            >
              <Download aria-hidden="true" />
              CSV
            </Button>
          </div>
          {query.isPending ? <LoadingState label={`Loading ${panel.title.toLowerCase()}…`} /> : null}
          {query.isError ? (
            <ErrorState message={apiErrorInfo(query.error).message} onRetry={() => void query.refetch()} />
          ) : null}
          {query.data ? (
            <>
              {chart.kind === 'figures' ? <PanelFigures result={query.data} /> : null}
              {chart.kind === 'heatmap' ? <IntakeHeatmap result={query.data} /> : null}
              {chart.kind !== 'figures' && chart.kind !== 'heatmap' ? (
                <div role="img" aria-label={`${panel.title}: chart (the numbers are in the table below)`}>
                  <Suspense fallback={<LoadingState label="Loading the chart…" />}>
                    <TimeSeriesChart chart={chart} result={query.data} />
                  </Suspense>
                </div>
              ) : null}
              {chart.kind !== 'figures' ? <PanelTable title={panel.title} result={query.data} /> : null}
            </>
          ) : null}
        </section>
      </CardContent>
    </Card>
  );
}
