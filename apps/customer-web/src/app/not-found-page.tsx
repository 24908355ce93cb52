import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        title="This page does not exist"
        description="The link may be old or mistyped."
        action={
          <Button asChild>
            <Link to="/">Go to your dashboard</Link>
          </Button>
        }
      />
    </main>
  );
}
