import { ErrorState } from '@autodoctor/ui/error-state';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { ListTable } from '../../components/list-table.tsx';
import { InviteMechanicDialog } from './invite-mechanic-dialog.tsx';
import { ROSTER_STATUS } from './mechanic-status.ts';
import { MechanicAccessDialog } from './mechanic-access-dialog.tsx';
import { RecordPayoutDialog } from './record-payout-dialog.tsx';

/** How often the roster is asked again while open: statuses change as mechanics come and go. */
const ROSTER_REFRESH_MS = 30_000;

/** Every mechanic: where they are now, when last seen, what they are owed, their payouts; invitations. */
export function MechanicsPage() {
  useEffect(() => {
    document.title = 'Mechanics · AutoDoctor operations';
  }, []);
  const trpc = useTRPC();
  const roster = useQuery({ ...trpc.ops.mechanics.queryOptions(), refetchInterval: ROSTER_REFRESH_MS });

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold">Mechanics</h1>
          <p className="text-sm text-muted-foreground">
            Each one&apos;s accept times and utilisation are on the Analytics page (Mechanics).
          </p>
        </div>
        <InviteMechanicDialog />
      </div>
      {roster.isPending ? <LoadingState label="Loading the mechanics…" /> : null}
      {roster.isError ? (
        <ErrorState message="The mechanics could not be loaded." onRetry={() => void roster.refetch()} />
      ) : null}
      {roster.data ? (
        <ListTable
          caption="Mechanics"
          columns={[
            { heading: 'Name' },
            { heading: 'Email' },
            { heading: 'Now' },
            { heading: 'Last seen' },
            { heading: 'Owed', align: 'right' },
            { heading: 'Actions', hidden: true },
          ]}
          empty="No mechanics yet."
        >
          {roster.data.map((mechanic) => (
            <tr key={mechanic.id} className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                {mechanic.name}
              </th>
              <td className="px-3 py-2">{mechanic.email}</td>
              <td className="px-3 py-2">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${ROSTER_STATUS[mechanic.status].className}`}
                >
                  {ROSTER_STATUS[mechanic.status].label}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {mechanic.lastSeenAt ? formatDateTime(new Date(mechanic.lastSeenAt)) : 'Never'}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(mechanic.balanceCents)}</td>
              <td className="px-3 py-2 text-right">
                <div className="flex justify-end gap-2">
                  {mechanic.status === 'invited' ? null : <RecordPayoutDialog mechanic={mechanic} />}
                  <MechanicAccessDialog mechanic={mechanic} />
                </div>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </div>
  );
}
