// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import { sessionPath } from '@autodoctor/session-core/rules';
import { Action, Facts, Paragraph } from '../layout.tsx';
import { formatCount, formatDateTimeUtc, formatMinutes, subjectLine } from '../format.ts';
import type { MailTemplate } from '../template.ts';

export const sessionAccepted: MailTemplate<'session_accepted'> = (payload, app) => ({
  subject: subjectLine(`${payload.mechanicName} accepted your session`),
  preview: `${payload.mechanicName} will help you with: ${payload.vehicleSummary}`,
  heading: `${payload.mechanicName} accepted your session`,
  body: (
    <>
      <Paragraph>Hi {payload.customerName},</Paragraph>
      <Paragraph>
        Good news: {payload.mechanicName} accepted your session about “{payload.vehicleSummary}” and will
        start it shortly. Keep the session page open to be there when it goes live.
      </Paragraph>
      <Action href={app.to(sessionPath(payload.sessionId))}>Open my session</Action>
    </>
  ),
});

export const sessionLive: MailTemplate<'session_live'> = (payload, app) => ({
  subject: subjectLine(`Your session with ${payload.mechanicName} is live`),
  preview: `${payload.mechanicName} is waiting for you in the session room.`,
  heading: 'Your session is live',
  body: (
    <>
      <Paragraph>Hi {payload.customerName},</Paragraph>
      <Paragraph>
        {payload.mechanicName} started your session about “{payload.vehicleSummary}” and is waiting for you in
        the session room.
      </Paragraph>
      <Action href={app.to(sessionPath(payload.sessionId))}>Join the session</Action>
    </>
  ),
});

export const sessionEnded: MailTemplate<'session_ended'> = (payload, app) => {
  const rows: [string, string][] = [['Vehicle', payload.vehicleSummary]];
  if (payload.mechanicName) rows.push(['Mechanic', payload.mechanicName]);
  if (payload.startedAt) rows.push(['Started', formatDateTimeUtc(payload.startedAt)]);
  rows.push(['Ended', formatDateTimeUtc(payload.endedAt)]);
  if (payload.durationMinutes !== null) rows.push(['Duration', formatMinutes(payload.durationMinutes)]);
  rows.push(['Messages', String(payload.messageCount)]);
  return {
    subject: 'Your AutoDoctor session summary',
    preview:
      payload.durationMinutes === null
        ? `Your session about ${payload.vehicleSummary} has ended.`
        : `${formatMinutes(payload.durationMinutes)}, ${formatCount(payload.messageCount, 'message')}.`,
    heading: 'Your session has ended',
    body: (
      <>
        <Paragraph>Hi {payload.customerName},</Paragraph>
        <Paragraph>
          Thanks for using AutoDoctor. Here is a summary; the whole conversation stays on the session page.
        </Paragraph>
        <Facts rows={rows} />
        <Action href={app.to(sessionPath(payload.sessionId))}>See the session</Action>
      </>
    ),
  };
};
