import { ErrorState } from '@autodoctor/ui/error-state';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { ListTable } from '../../components/list-table.tsx';

/** Who opened which session's transcript, when and why: every operator reads it. */
export function AccessLogPage() {
  useEffect(() => {
    document.title = 'Transcript access log · AutoDoctor operations';
  }, []);
  const trpc = useTRPC();
  const log = useQuery(trpc.ops.transcriptAccess.queryOptions());
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Transcript access log</h1>
      {log.isPending ? <LoadingState label="Loading the log…" /> : null}
      {log.isError ? (
        <ErrorState message="The log could not be loaded." onRetry={() => void log.refetch()} />
      ) : null}
      {log.data ? (
        <ListTable
          caption="Transcript openings, newest first"
          columns={[
            { heading: 'When' },
            { heading: 'Operator' },
            { heading: 'Session' },
            { heading: 'Reason' },
          ]}
          empty="No transcript has been opened."
        >
          {log.data.map((line) => (
            <tr key={line.id} className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                {formatDateTime(new Date(line.openedAt))}
              </th>
              <td className="px-3 py-2">
                {line.operatorName}
                <span className="block text-xs text-muted-foreground">{line.operatorEmail}</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                <Link
                  to="/sessions/$sessionId"
                  params={{ sessionId: line.sessionId }}
                  className="text-primary underline-offset-4 hover:underline"
                >
                  {line.sessionId}
                </Link>
              </td>
              <td className="px-3 py-2">{line.reason}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </div>
  );
}
