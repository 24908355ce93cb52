import { formatDateTime } from '../lib/format.ts';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './card.tsx';

/** What the mechanic wrote when ending a session. */
export interface RepairSummary {
  found: string;
  nextSteps: string;
  workshopVisitNeeded: boolean;
  writtenAt: Date;
}

/** The mechanic's end-of-session summary, as both sides see it on the session page. */
export function RepairSummaryCard({ summary, title }: { summary: RepairSummary; title: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>Written {formatDateTime(summary.writtenAt)}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          <div className="grid gap-1">
            <dt className="font-medium">What was found</dt>
            <dd className="whitespace-pre-wrap">{summary.found}</dd>
          </div>
          <div className="grid gap-1">
            <dt className="font-medium">What to do next</dt>
            <dd className="whitespace-pre-wrap">{summary.nextSteps}</dd>
          </div>
          <div className="grid gap-1">
            <dt className="font-medium">Workshop visit</dt>
            <dd>{summary.workshopVisitNeeded ? 'Needed: take the car to a workshop' : 'Not needed'}</dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
