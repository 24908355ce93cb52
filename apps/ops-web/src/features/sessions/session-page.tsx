import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { OPERATOR_REASON } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { ErrorState } from '@autodoctor/ui/error-state';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { SESSION_EVENT_LABEL, SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { StatusPill } from '@autodoctor/ui/status-pill';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTRPC, type RouterOutputs } from '../../app/trpc.ts';
import { SessionActions } from './session-actions.tsx';

const route = getRouteApi('/signed-in/sessions/$sessionId');

type TranscriptEntry = RouterOutputs['ops']['openTranscript'][number];

/** One session for an operator: its facts, its timeline, and its transcript (each opening logged). */
export function SessionPage() {
  const { sessionId } = route.useParams();
  useEffect(() => {
    document.title = 'Session · AutoDoctor operations';
  }, []);
  const trpc = useTRPC();
  const view = useQuery(trpc.ops.session.queryOptions({ sessionId }));

  if (view.isPending) return <LoadingState label="Loading the session…" />;
  if (view.isError)
    return <ErrorState message={apiErrorInfo(view.error).message} onRetry={() => void view.refetch()} />;
  const session = view.data;
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">
          {session.vehicle} <StatusPill status={session.status} className="ml-2 align-middle" />
        </h1>
        <p className="text-sm text-muted-foreground">
          {SESSION_TYPE_LABEL[session.type]} · {session.id}
        </p>
        <SessionActions sessionId={session.id} status={session.status} />
      </div>
      <Card>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="text-muted-foreground">Customer</dt>
            <dd>
              {session.customerName} ({session.customerEmail})
            </dd>
            <dt className="text-muted-foreground">Mechanic</dt>
            <dd>{session.mechanicName ?? 'Nobody yet'}</dd>
            <dt className="text-muted-foreground">VIN</dt>
            <dd className="font-mono text-sm">{session.vin ?? '—'}</dd>
            <dt className="text-muted-foreground">Concern</dt>
            <dd className="whitespace-pre-wrap">{session.concern}</dd>
          </dl>
        </CardContent>
      </Card>
      <section aria-labelledby="timeline" className="grid gap-3">
        <h2 id="timeline" className="text-lg font-semibold">
          Timeline
        </h2>
        <ol className="grid gap-2">
          {session.events.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-x-3 text-sm">
              <time
                dateTime={new Date(event.at).toISOString()}
                className="text-muted-foreground tabular-nums"
              >
                {formatDateTime(new Date(event.at))}
              </time>
              <span className="font-medium">{SESSION_EVENT_LABEL[event.type]}</span>
              {event.actorName ? (
                <span className="text-muted-foreground">
                  by {event.actorName} ({event.actorRole})
                </span>
              ) : null}
              {event.reason ? (
                <span className="basis-full text-muted-foreground">“{event.reason}”</span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <Transcript sessionId={session.id} />
    </div>
  );
}

/** The room's transcript, behind a reason: each opening goes to the access log, naming the operator. */
function Transcript({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const open = useMutation(trpc.ops.openTranscript.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < OPERATOR_REASON.min) {
      setError(`Say why, in at least ${OPERATOR_REASON.min} characters (a ticket number, say).`);
      return;
    }
    setError(undefined);
    open.mutate(
      { sessionId, reason: reason.trim() },
      { onError: (failure) => setError(apiErrorInfo(failure).message) },
    );
  }

  return (
    <section aria-labelledby="transcript" className="grid gap-3">
      <h2 id="transcript" className="text-lg font-semibold">
        Transcript
      </h2>
      {open.data ? (
        <TranscriptEntries entries={open.data} />
      ) : (
        <form onSubmit={submit} noValidate className="grid max-w-xl gap-3">
          <p className="text-sm text-muted-foreground">
            The conversation between the customer and the mechanic is private. Opening it is written to the
            access log with your name and your reason, which every operator can read.
          </p>
          <FormField label="Why are you opening it?" error={error}>
            {(control) => (
              <Input
                {...control}
                maxLength={OPERATOR_REASON.max}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </FormField>
          <Button type="submit" pending={open.isPending} className="justify-self-start">
            Open the transcript
          </Button>
        </form>
      )}
    </section>
  );
}

function TranscriptEntries({ entries }: { entries: TranscriptEntry[] }) {
  const lines = entries.filter((entry) => entry.kind !== 'read');
  if (lines.length === 0)
    return <p className="text-sm text-muted-foreground">Nothing was said in this room.</p>;
  return (
    <ol aria-label="Transcript" className="grid gap-2 rounded-md border p-4">
      {lines.map((entry) => (
        <li key={entry.id} className="grid gap-0.5 text-sm">
          <span className="text-xs text-muted-foreground">
            {formatDateTime(new Date(entry.createdAt))}
            {entry.kind === 'message' ? ` · ${entry.authorName} (${entry.authorRole})` : ''}
          </span>
          {entry.kind === 'message' ? (
            <span className="whitespace-pre-wrap">
              {entry.body}
              {entry.photos.length > 0
                ? ` [${entry.photos.length} photo${entry.photos.length === 1 ? '' : 's'}]`
                : ''}
            </span>
          ) : (
            <span className="italic">{entry.kind === 'system' ? SESSION_EVENT_LABEL[entry.event] : ''}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
