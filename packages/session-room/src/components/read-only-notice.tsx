import { Lock } from 'lucide-react';
import type { ReactNode } from 'react';

/** In place of the composer once the session is over: the conversation stays, to read. */
export function ReadOnlyNotice({
  children = 'This session is over: the conversation is kept here to read, and no more messages can be sent.',
}: {
  children?: ReactNode;
}) {
  return (
    <p className="flex items-center gap-2 rounded-md border bg-muted px-3 py-2.5 text-sm text-muted-foreground">
      <Lock className="size-4 shrink-0" aria-hidden="true" />
      {children}
    </p>
  );
}
