const KEYS = [
  ['↑ ↓', 'move between sessions (also J and K)'],
  ['Enter', 'show the whole concern'],
  ['A', 'accept the session'],
] as const;

/** The queue's keys, shown so nobody has to guess them. */
export function KeyboardHelp() {
  return (
    <section aria-labelledby="keyboard-help" className="hidden text-sm text-muted-foreground sm:block">
      <h2 id="keyboard-help" className="sr-only">
        Keyboard
      </h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {KEYS.map(([key, action]) => (
          <li key={key}>
            <kbd className="rounded border bg-card px-1.5 py-0.5 font-mono text-xs text-foreground">
              {key}
            </kbd>{' '}
            {action}
          </li>
        ))}
      </ul>
    </section>
  );
}
