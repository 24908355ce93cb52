import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { viewerTimeZone } from '@autodoctor/ui/lib/format';
import { toast } from '@autodoctor/ui/lib/toast';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useTRPC } from '../../app/trpc.ts';
import { usePageTitle } from '../../app/use-page-title.ts';
import { saveTextFile } from '@autodoctor/ui/lib/save-text-file';
import { EarningLines, EarningsTotals, Ratings } from './earnings-views.tsx';

const PAGE = { limit: 20 };
const PAGING = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor ?? undefined };

/** The mechanic's earnings: balance, this month and last, every line, the CSV, and their ratings. */
export function EarningsPage() {
  usePageTitle('Earnings');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Months begin at midnight where the mechanic is.
  const summary = useQuery(trpc.mechanic.earnings.queryOptions({ timeZone: viewerTimeZone() }));
  const lines = useInfiniteQuery(trpc.mechanic.earningLines.infiniteQueryOptions(PAGE, PAGING));
  const ratings = useInfiniteQuery(trpc.mechanic.ratings.infiniteQueryOptions(PAGE, PAGING));
  const [downloading, setDownloading] = useState(false);

  async function downloadCsv() {
    setDownloading(true);
    try {
      // Always the ledger as it is now, never a cached copy.
      const { filename, csv } = await queryClient.fetchQuery({
        ...trpc.mechanic.earningsCsv.queryOptions(),
        staleTime: 0,
      });
      saveTextFile(filename, csv, 'text/csv');
    } catch (error) {
      toast.error(apiErrorInfo(error).message);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Earnings</h1>
        <Button variant="outline" pending={downloading} onClick={() => void downloadCsv()}>
          <Download aria-hidden="true" />
          Download CSV
        </Button>
      </div>

      {summary.isPending ? <LoadingState label="Loading your earnings…" /> : null}
      {summary.isError ? (
        <ErrorState message="Your earnings could not be loaded." onRetry={() => void summary.refetch()} />
      ) : null}
      {summary.isSuccess ? <EarningsTotals summary={summary.data} /> : null}

      <Card>
        <CardContent className="grid gap-4">
          <h2 className="text-lg font-semibold">Every line</h2>
          <p className="text-sm text-muted-foreground">
            A 2 % referral fee on what the customer paid for each session you end, and a 5 % bonus on the
            approved total of each quote a customer approves. The CSV holds every line; its amounts add up to
            your balance.
          </p>
          {lines.isPending ? <LoadingState label="Loading the lines…" /> : null}
          {lines.isError ? (
            <ErrorState message="The lines could not be loaded." onRetry={() => void lines.refetch()} />
          ) : null}
          {lines.isSuccess ? (
            <EarningLines
              lines={lines.data.pages.flatMap((page) => page.items)}
              sessionLink={(line, children) => (
                <Link
                  to="/sessions/$sessionId"
                  params={{ sessionId: line.sessionId }}
                  hash={line.quoteId ? `quote-version-${line.quoteId}` : undefined}
                  className="text-primary underline-offset-4 hover:underline"
                >
                  {children}
                </Link>
              )}
              hasMore={lines.hasNextPage}
              loadingMore={lines.isFetchingNextPage}
              onLoadMore={() => void lines.fetchNextPage()}
            />
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardContent className="grid gap-4">
          <h2 className="text-lg font-semibold">Your ratings</h2>
          {ratings.isPending || summary.isPending ? <LoadingState label="Loading your ratings…" /> : null}
          {ratings.isError ? (
            <ErrorState message="Your ratings could not be loaded." onRetry={() => void ratings.refetch()} />
          ) : null}
          {ratings.isSuccess && summary.isSuccess ? (
            <Ratings
              ratings={ratings.data.pages.flatMap((page) => page.items)}
              average={summary.data.ratingAverage}
              count={summary.data.ratingCount}
              hasMore={ratings.hasNextPage}
              loadingMore={ratings.isFetchingNextPage}
              onLoadMore={() => void ratings.fetchNextPage()}
            />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
