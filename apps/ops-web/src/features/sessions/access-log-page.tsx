import { ErrorState } from '@autodoctor/ui/error-state';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTRPC, type RouterOutputs } from '../../app/trpc.ts';
import { ListTable } from '../../components/list-table.tsx';

type OperatorAction = RouterOutputs['ops']['operatorActions'][number]['action'];

/** Each audited action in words: a new action fails the typecheck here. */
const ACTION_LABEL = {
  mechanic_disabled: 'Disabled a mechanic',
  mechanic_enabled: 'Enabled a mechanic',
  mechanic_invited: 'Invited a mechanic',
  session_requeued: 'Put a session back in the queue',
  session_cancelled: 'Cancelled a session',
} as const satisfies Record<OperatorAction, string>;

/** What operators did (accounts and sessions), and who opened which transcript: every operator reads both. */
export function AccessLogPage() {
  useEffect(() => {
    document.title = 'Access log · AutoDoctor operations';
  }, []);
  return (
    <div className="grid gap-8">
      <h1 className="text-2xl font-semibold">Access log</h1>
      <OperatorActions />
      <TranscriptOpenings />
    </div>
  );
}

function OperatorActions() {
  const trpc = useTRPC();
  const audit = useQuery(trpc.ops.operatorActions.queryOptions());
  return (
    <section aria-labelledby="operator-actions" className="grid gap-3">
      <h2 id="operator-actions" className="text-lg font-semibold">
        Operator actions
      </h2>
      {audit.isPending ? <LoadingState label="Loading the actions…" /> : null}
      {audit.isError ? (
        <ErrorState message="The actions could not be loaded." onRetry={() => void audit.refetch()} />
      ) : null}
      {audit.data ? (
        <ListTable
          caption="Operator actions, newest first"
          columns={[
            { heading: 'When' },
            { heading: 'Operator' },
            { heading: 'Action' },
            { heading: 'On' },
            { heading: 'Reason' },
          ]}
          empty="No operator has acted on an account or a session yet."
        >
          {audit.data.map((line) => (
            <tr key={line.id} className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                {formatDateTime(new Date(line.at))}
              </th>
              <td className="px-3 py-2">
                {line.operatorName}
                <span className="block text-xs text-muted-foreground">{line.operatorEmail}</span>
              </td>
              <td className="px-3 py-2">{ACTION_LABEL[line.action]}</td>
              <td className="px-3 py-2">
                {line.subjectName ? (
                  <span className="block">
                    {line.subjectName}
                    <span className="block text-xs text-muted-foreground">{line.subjectEmail}</span>
                  </span>
                ) : null}
                {line.sessionId ? <SessionLink sessionId={line.sessionId} /> : null}
              </td>
              <td className="px-3 py-2">{line.reason ?? '—'}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </section>
  );
}

function SessionLink({ sessionId }: { sessionId: string }) {
  return (
    <Link
      to="/sessions/$sessionId"
      params={{ sessionId }}
      className="font-mono text-xs text-primary underline-offset-4 hover:underline"
    >
      {sessionId}
    </Link>
  );
}

function TranscriptOpenings() {
  const trpc = useTRPC();
  const log = useQuery(trpc.ops.transcriptAccess.queryOptions());
  return (
    <section aria-labelledby="transcript-openings" className="grid gap-3">
      <h2 id="transcript-openings" className="text-lg font-semibold">
        Transcript openings
      </h2>
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
              <td className="px-3 py-2">
                <SessionLink sessionId={line.sessionId} />
              </td>
              <td className="px-3 py-2">{line.reason}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </section>
  );
}
