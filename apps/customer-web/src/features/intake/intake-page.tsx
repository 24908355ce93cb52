import { Card, CardContent } from '@autodoctor/ui/card';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { MechanicsOnline } from '../live/mechanics-online.tsx';
import { useMechanicsOnline } from '../live/use-mechanics-online.ts';
import { IntakeForm } from './intake-form.tsx';
import { useIntakeOptions } from './use-intake-options.ts';

export function IntakePage() {
  const options = useIntakeOptions();
  const mechanicsOnline = useMechanicsOnline(options.data?.mechanicsOnline);
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">Start a session</h1>
        <p className="text-muted-foreground">
          Tell us about your car and the problem; a mechanic takes it from the queue and talks it through with
          you.
        </p>
        {mechanicsOnline === undefined ? null : <MechanicsOnline count={mechanicsOnline} />}
      </div>
      <Card>
        <CardContent>
          {options.isPending ? (
            <LoadingState label="Loading your options…" />
          ) : options.isError ? (
            <ErrorState
              message="Your payment options could not be loaded."
              onRetry={() => void options.refetch()}
            />
          ) : (
            <IntakeForm
              freeSessionAvailable={options.data.freeSessionAvailable}
              credits={options.data.credits}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
