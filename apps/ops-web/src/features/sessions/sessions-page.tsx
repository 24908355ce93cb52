import { SESSION_STATUSES } from '@autodoctor/session-core/rules/statuses';
import { Button } from '@autodoctor/ui/button';
import { ErrorState } from '@autodoctor/ui/error-state';
import { Input } from '@autodoctor/ui/input';
import { Label } from '@autodoctor/ui/label';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { STATUS_PRESENTATION } from '@autodoctor/ui/lib/session-status';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { NativeSelect } from '@autodoctor/ui/native-select';
import { StatusPill } from '@autodoctor/ui/status-pill';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { ListTable } from '../../components/list-table.tsx';
import type { SessionsSearch } from './sessions-search.ts';

const route = getRouteApi('/signed-in/sessions');

/** Find sessions by id, customer email or VIN, and a status; newest first. */
export function SessionsPage() {
  useEffect(() => {
    document.title = 'Sessions · AutoDoctor operations';
  }, []);
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryId = useId();
  const statusId = useId();
  const [query, setQuery] = useState(search.q ?? '');
  const [status, setStatus] = useState(search.status ?? '');
  const trpc = useTRPC();
  const hits = useQuery(trpc.ops.sessions.queryOptions({ query: search.q, status: search.status }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: SessionsSearch = {
      ...(query.trim() ? { q: query.trim() } : {}),
      ...(status ? { status: status as SessionsSearch['status'] } : {}),
    };
    void navigate({ to: '/sessions', search: next });
  }

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <form role="search" onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-72 flex-1 gap-1">
          <Label htmlFor={queryId}>Session id, customer email or VIN</Label>
          <Input
            id={queryId}
            value={query}
            maxLength={254}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={statusId}>Status</Label>
          <NativeSelect id={statusId} value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">Any</option>
            {SESSION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_PRESENTATION[value].label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit">Search</Button>
      </form>
      {hits.isPending ? <LoadingState label="Searching…" /> : null}
      {hits.isError ? <ErrorState message="The search failed." onRetry={() => void hits.refetch()} /> : null}
      {hits.data ? (
        <ListTable
          caption="Sessions found"
          columns={[
            { heading: 'Created' },
            { heading: 'Status' },
            { heading: 'Customer' },
            { heading: 'Mechanic' },
            { heading: 'Vehicle' },
            { heading: 'VIN' },
          ]}
          empty="No session matches. Search by a whole session id, a customer’s whole email, or a 17-character VIN."
        >
          {hits.data.map((hit) => (
            <tr key={hit.id} className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                <Link
                  to="/sessions/$sessionId"
                  params={{ sessionId: hit.id }}
                  className="font-medium text-primary underline-offset-4 hover:underline"
                >
                  {formatDateTime(new Date(hit.createdAt))}
                </Link>
              </th>
              <td className="px-3 py-2">
                <StatusPill status={hit.status} />
              </td>
              <td className="px-3 py-2">
                {hit.customerName}
                <span className="block text-xs text-muted-foreground">{hit.customerEmail}</span>
              </td>
              <td className="px-3 py-2">{hit.mechanicName ?? '—'}</td>
              <td className="px-3 py-2 whitespace-nowrap">{hit.vehicle}</td>
              <td className="px-3 py-2 font-mono text-xs">{hit.vin ?? '—'}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </div>
  );
}
