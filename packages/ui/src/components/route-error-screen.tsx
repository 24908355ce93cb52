import { ErrorState } from './error-state.tsx';

/** A screen that failed to load (its code, say, after a deploy): say so and offer a retry. */
export function RouteErrorScreen({ onRetry }: { onRetry: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="sr-only">Something went wrong</h1>
      <ErrorState
        message="This screen could not be shown. Check your connection and try again."
        onRetry={onRetry}
      />
    </main>
  );
}
