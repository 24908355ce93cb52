import { SessionNotLoaded } from '@autodoctor/app-shell/session-not-loaded';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { canEnd, canStart, isRoomOpen, type SessionStatus } from '@autodoctor/session-core/rules/statuses';
import { PhotoGallery } from '@autodoctor/session-room/photo-gallery';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { SessionHeader } from '@autodoctor/ui/session-header';
import { LazySessionRoom } from '@autodoctor/session-room/trpc/lazy-session-room';
import { useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { usePageTitle } from '../../app/use-page-title.ts';
import { RepairSummaryCard } from '@autodoctor/ui/repair-summary-card';
import { SessionQuotes } from '../quotes/session-quotes.tsx';
import { isQuotable } from '../quotes/quotable.ts';
import { EndSessionButton } from './end-session-button.tsx';
import { SessionTimeline } from './session-timeline.tsx';
import { useMechanicSession, useSessionActions } from './use-mechanic-session.ts';
import { useSessionFeed } from './use-session-feed.ts';

const NOT_FOUND_SCREEN = {
  description: 'Only the sessions you accepted open here.',
  homeLabel: 'Back to the queue',
};

/** A session the mechanic accepted: who and what, its status live, Start and End, its timeline. */
export function SessionPage() {
  usePageTitle('Session');
  const { sessionId } = useParams({ from: '/signed-in/sessions/$sessionId' });
  const trpc = useTRPC();
  const session = useMechanicSession(sessionId);
  const active = session.data ? isRoomOpen(session.data.status) : false;
  const quotable = session.data ? isQuotable(session.data) : false;
  // The header's indicator speaks for this feed too: both go through the same API. After the end
  // it still brings the customer's answers to quotes while the session can be quoted.
  useSessionFeed(active || quotable ? sessionId : null);
  const actions = useSessionActions(sessionId);
  const heading = useRef<HTMLHeadingElement>(null);

  // The winner of an accept lands here with the room open: its composer takes focus, ready to
  // greet the customer. Otherwise (a session from the history) focus starts at the heading.
  const loaded = session.isSuccess;
  useEffect(() => {
    if (loaded && !active) heading.current?.focus();
  }, [sessionId, loaded, active]);

  if (!session.isSuccess) return <SessionNotLoaded query={session} notFound={NOT_FOUND_SCREEN} />;

  const data = session.data;
  const { status } = data;
  return (
    <div className="grid gap-6">
      <SessionHeader headingRef={heading} vehicle={data.vehicle} status={status}>
        {SESSION_TYPE_LABEL[data.type]} with {data.customerFirstName} · requested{' '}
        {formatDateTime(data.createdAt)}
      </SessionHeader>

      <Card>
        <CardContent className="grid gap-4">
          <div className="grid gap-1">
            <h2 className="text-lg font-semibold">{MECHANIC_STATUS_HEADING[status]}</h2>
            <p className="text-muted-foreground">{nextStep(status, data.customerFirstName)}</p>
          </div>
          {canStart(status) ? (
            <Button className="justify-self-start" pending={actions.starting} onClick={actions.start}>
              Start session
            </Button>
          ) : null}
          {canEnd(status) ? (
            <EndSessionButton customerFirstName={data.customerFirstName} onEnd={actions.end} />
          ) : null}
        </CardContent>
      </Card>

      {data.summary ? <RepairSummaryCard summary={data.summary} title="Your summary" /> : null}

      <Card>
        <CardContent>
          <LazySessionRoom
            trpc={trpc}
            sessionId={data.id}
            myRole="mechanic"
            otherName={data.customerFirstName}
            mechanicName="You"
            status={data.status}
          />
        </CardContent>
      </Card>

      {data.status === 'live' || data.status === 'ended' ? (
        <Card>
          <CardContent>
            <SessionQuotes sessionId={data.id} canWrite={quotable} />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardContent className="grid gap-4">
          <h2 className="text-lg font-semibold">The customer’s concern</h2>
          <p className="text-sm whitespace-pre-wrap">{data.concern}</p>
          <PhotoGallery
            photos={data.intakePhotos}
            label={`Photos from ${data.customerFirstName}`}
            author={data.customerFirstName}
          />
          {data.vehicle.vin ? (
            <dl className="text-sm">
              <dt className="text-muted-foreground">VIN</dt>
              <dd className="font-mono">{data.vehicle.vin}</dd>
            </dl>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardContent>
          <SessionTimeline sessionId={data.id} />
        </CardContent>
      </Card>
    </div>
  );
}

/** The status as the mechanic who accepted the session sees it. */
const MECHANIC_STATUS_HEADING = {
  // A mechanic sees a session pending only once operations put it back in the queue.
  pending: 'Back in the queue',
  scheduled: 'Booked for later',
  waiting: 'You accepted this session',
  live: 'The session is live',
  ended: 'The session is over',
  cancelled: 'Cancelled by the customer',
  expired: 'Expired before it started',
} as const satisfies Record<SessionStatus, string>;

function nextStep(status: SessionStatus, customer: string): string {
  switch (status) {
    case 'waiting':
      return `${customer} has been told you accepted. Start the session when you are ready to talk.`;
    case 'live':
      return `You are in a live session with ${customer}. End it when you are done.`;
    case 'ended':
      return `Your session with ${customer} is over.`;
    case 'cancelled':
      return `${customer} cancelled the session before it started.`;
    case 'expired':
      return 'It was not started within 2 hours of the request.';
    case 'pending':
      return `AutoDoctor operations put this session back in the queue for another mechanic: you are no longer in it. ${customer} keeps their place.`;
    default:
      return '';
  }
}
