import { CheckCheck } from 'lucide-react';

/** Under my last message the other side has seen. */
export function SeenMark({ name }: { name: string }) {
  return (
    <p
      className="flex items-center justify-end gap-1 text-xs text-muted-foreground"
      title={`Seen by ${name}`}
    >
      <CheckCheck className="size-3.5" aria-hidden="true" />
      Seen
    </p>
  );
}
