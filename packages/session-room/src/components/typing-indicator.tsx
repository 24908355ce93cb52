/**
 * "Sam is typing…", while the other side writes. Not a live region: a signal
 * every few seconds would keep interrupting a screen reader; it is there to be
 * read when someone looks.
 */
export function TypingIndicator({ name, typing }: { name: string; typing: boolean }) {
  return (
    // The line keeps its height when empty, so the conversation does not jump.
    <p className="h-5 px-1 text-xs text-muted-foreground italic">
      {typing ? (
        <>
          <span className="inline-flex gap-0.5 pr-1.5 align-middle" aria-hidden="true">
            <span className="size-1 animate-bounce rounded-full bg-current motion-reduce:animate-none" />
            <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:150ms] motion-reduce:animate-none" />
            <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:300ms] motion-reduce:animate-none" />
          </span>
          {name} is typing…
        </>
      ) : null}
    </p>
  );
}
