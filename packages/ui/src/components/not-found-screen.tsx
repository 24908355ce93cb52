import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { EmptyState } from './empty-state.tsx';

/** A route that does not exist. `homeLink` wraps its label in the app's router link home. */
export function NotFoundScreen({ homeLink }: { homeLink: (content: ReactNode) => ReactNode }) {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        title="This page does not exist"
        description="The link may be old or mistyped."
        action={<Button asChild>{homeLink('Go to the start page')}</Button>}
      />
    </main>
  );
}
