import { AlertTriangle } from 'lucide-react';
import { cn } from '../lib/cn.ts';
import { Button } from './button.tsx';

/** Something failed to load: what happened, and a retry. */
export function ErrorState({
  title = 'Something went wrong',
  message,
  onRetry,
  className,
}: {
  title?: string;
  message?: string;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        'grid justify-items-center gap-2 rounded-lg border border-destructive/30 bg-destructive/5 px-6 py-8 text-center',
        className,
      )}
    >
      <AlertTriangle className="size-5 text-destructive" aria-hidden="true" />
      <p className="font-medium">{title}</p>
      {message ? <p className="max-w-prose text-sm text-muted-foreground">{message}</p> : null}
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry} className="mt-2">
          Try again
        </Button>
      ) : null}
    </div>
  );
}
