import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Link } from '@tanstack/react-router';

/** Back from Stripe without buying. */
export function CreditsCancelledPage() {
  return (
    <div className="mx-auto grid max-w-xl gap-4">
      <h1 className="text-2xl font-semibold">Purchase cancelled</h1>
      <Alert tone="info" title="Nothing was charged">
        Your balance is unchanged.
      </Alert>
      <Button asChild className="justify-self-start">
        <Link to="/account">Back to your account</Link>
      </Button>
    </div>
  );
}
