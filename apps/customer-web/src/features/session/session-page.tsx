import { Alert } from '@autodoctor/ui/alert';
import { SessionNotLoaded } from '@autodoctor/app-shell/session-not-loaded';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { RepairSummaryCard } from '@autodoctor/ui/repair-summary-card';
import { cancelOutcome } from '@autodoctor/ui/active-session-banner';
import { ConfirmDialog } from '@autodoctor/ui/confirm-dialog';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL, STATUS_DESCRIPTION } from '@autodoctor/ui/lib/session-status';
import { SessionHeader } from '@autodoctor/ui/session-header';
import { canCancel, canEnd, isRoomOpen } from '@autodoctor/session-core/rules/statuses';
import { PhotoGallery } from '@autodoctor/session-room/photo-gallery';
import { LazySessionRoom } from '@autodoctor/session-room/trpc/lazy-session-room';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { QueueStatusCard } from './queue-status-card.tsx';
import { refundOutcome } from './refund-outcome.ts';
import { useTRPC } from '../../app/trpc.ts';
import { useActiveSession } from '../active-session/use-active-session.ts';
import { useSessionFeed } from '../live/use-session-feed.ts';
import { SessionQuotes } from '../quotes/session-quotes.tsx';
import { SessionRating } from '../ratings/session-rating.tsx';
import { useCustomerSession } from './use-customer-session.ts';
import { useEndOrCancelSession } from './use-end-or-cancel.ts';

const NOT_FOUND_SCREEN = {
  description: 'It may belong to another account, or the link is wrong.',
  homeLabel: 'Back to your dashboard',
};

export function SessionPage() {
  const { sessionId } = useParams({ from: '/signed-in/sessions/$sessionId' });
  const trpc = useTRPC();
  const session = useCustomerSession(sessionId);
  const endOrCancel = useEndOrCancelSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const roomOpen = session.data ? isRoomOpen(session.data.status) : false;
  // The layout follows the active session; any other one shown here (an ended session whose
  // mechanic sends a quote) is followed by this page while it is open.
  const activeSession = useActiveSession();
  useSessionFeed(activeSession.isSuccess && activeSession.data?.id !== sessionId ? sessionId : null);

  // Focus starts at the heading, unless the room is open: then its composer takes it.
  useEffect(() => {
    if (!roomOpen) heading.current?.focus();
  }, [sessionId, roomOpen]);

  if (!session.isSuccess) return <SessionNotLoaded query={session} notFound={NOT_FOUND_SCREEN} />;

  const data = session.data;
  const { status } = data;
  const endable = canEnd(status);
  const refund = refundOutcome(data);
  const charged =
    data.type === 'paid'
      ? formatMoney(data.chargedAmountCents, data.currency)
      : data.type === 'credit'
        ? `${data.chargedCredits} credit`
        : 'Free';

  return (
    <div className="grid gap-6">
      <SessionHeader headingRef={heading} vehicle={data.vehicle} status={status}>
        {SESSION_TYPE_LABEL[data.type]} · requested {formatDateTime(data.createdAt)}
      </SessionHeader>

      <Card>
        <CardContent className="grid gap-5">
          <div className="grid gap-1">
            <h2 className="text-lg font-semibold">{STATUS_DESCRIPTION[status]}</h2>
            <StatusDetail
              status={status}
              mechanicName={data.mechanic?.name ?? null}
              scheduledFor={data.scheduledFor}
            />
          </div>
          {status === 'pending' ? <QueueStatusCard sessionId={data.id} /> : null}
          {refund ? <Alert tone="info">{refund}</Alert> : null}
          {endable || canCancel(status) ? (
            <div className="flex flex-wrap gap-2">
              <ConfirmDialog
                trigger={
                  <Button variant={endable ? 'default' : 'outline'}>
                    {endable ? 'End Session' : 'Cancel Session'}
                  </Button>
                }
                title={endable ? 'End this session?' : 'Cancel this session?'}
                description={
                  endable
                    ? 'The mechanic is told and the session closes.'
                    : cancelOutcome({ type: data.type, accepted: data.mechanic !== null })
                }
                confirmLabel={endable ? 'End Session' : 'Cancel Session'}
                destructive
                onConfirm={() => endOrCancel(data)}
              />
            </div>
          ) : null}
        </CardContent>
      </Card>

      {status === 'ended' && data.mechanic ? (
        <SessionRating sessionId={data.id} mechanicName={data.mechanic.name} rating={data.rating} />
      ) : null}

      {data.summary ? (
        <RepairSummaryCard
          summary={data.summary}
          title={data.mechanic ? `${data.mechanic.name}’s summary` : 'Your mechanic’s summary'}
        />
      ) : null}

      <SessionQuotes sessionId={data.id} />

      {data.mechanic ? (
        <Card>
          <CardContent>
            <LazySessionRoom
              trpc={trpc}
              sessionId={data.id}
              myRole="customer"
              otherName={data.mechanic.name}
              mechanicName={data.mechanic.name}
              status={status}
            />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardContent className="grid gap-4">
          <h2 className="text-lg font-semibold">Your request</h2>
          <p className="text-sm whitespace-pre-wrap">{data.concern}</p>
          <PhotoGallery photos={data.intakePhotos} label="Photos with your request" author="you" />
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            {data.vehicle.vin ? (
              <div>
                <dt className="text-muted-foreground">VIN</dt>
                <dd className="font-mono">{data.vehicle.vin}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-muted-foreground">Charged</dt>
              <dd>
                {charged}
                {data.type === 'paid' ? (
                  <>
                    {' · '}
                    <Link
                      to="/account/receipts/$kind/$receiptId"
                      params={{ kind: 'card_payment', receiptId: data.id }}
                      className="text-primary underline-offset-4 hover:underline"
                    >
                      Receipt
                    </Link>
                  </>
                ) : null}
              </dd>
            </div>
            {data.startedAt ? (
              <div>
                <dt className="text-muted-foreground">Went live</dt>
                <dd>{formatDateTime(data.startedAt)}</dd>
              </div>
            ) : null}
            {data.endedAt ? (
              <div>
                <dt className="text-muted-foreground">Closed</dt>
                <dd>{formatDateTime(data.endedAt)}</dd>
              </div>
            ) : null}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

function StatusDetail({
  status,
  mechanicName,
  scheduledFor,
}: {
  status: string;
  mechanicName: string | null;
  scheduledFor: Date | null;
}) {
  const text = (() => {
    switch (status) {
      case 'pending':
        return 'Mechanics see your request now. This page updates by itself when one accepts.';
      case 'waiting':
        return `${mechanicName ?? 'A mechanic'} accepted your session and will start it shortly.`;
      case 'live':
        return `You are in a live session with ${mechanicName ?? 'your mechanic'}.`;
      case 'scheduled':
        return scheduledFor ? `It joins the queue on ${formatDateTime(scheduledFor)}.` : null;
      case 'ended':
        return mechanicName ? `Your session with ${mechanicName} is over.` : null;
      case 'expired':
        return 'No mechanic accepted it within 2 hours.';
      default:
        return null;
    }
  })();
  return text ? <p className="text-muted-foreground">{text}</p> : null;
}
