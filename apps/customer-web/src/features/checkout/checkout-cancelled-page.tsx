import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Link } from '@tanstack/react-router';

/** Back from Stripe without paying. */
export function CheckoutCancelledPage() {
  return (
    <div className="mx-auto grid max-w-xl gap-4">
      <h1 className="text-2xl font-semibold">Checkout cancelled</h1>
      <Alert tone="info" title="Nothing was charged">
        Your request is kept: you can pick up where you left off.
      </Alert>
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link to="/new">Back to your request</Link>
        </Button>
        <Button asChild variant="outline">
          <Link to="/">Go to your dashboard</Link>
        </Button>
      </div>
    </div>
  );
}
