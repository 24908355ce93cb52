import { cn } from '@autodoctor/ui/lib/cn';

/** How many mechanics are online now, so a customer knows what to expect (announced as it changes). */
export function MechanicsOnline({ count, className }: { count: number; className?: string }) {
  return (
    <p
      className={cn('flex items-center gap-2 text-sm', className)}
      role="status"
      aria-label={`Mechanics online: ${count}`}
    >
      <span
        className={cn('size-2 shrink-0 rounded-full', count > 0 ? 'bg-green-600' : 'bg-slate-400')}
        aria-hidden="true"
      />
      {count === 0
        ? 'No mechanic is online right now: your request waits in the queue until one is.'
        : count === 1
          ? '1 mechanic online now'
          : `${count} mechanics online now`}
    </p>
  );
}
