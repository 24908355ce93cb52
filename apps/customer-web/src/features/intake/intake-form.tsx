import { Button } from '@autodoctor/ui/button';
import { useFormState, useWatch } from 'react-hook-form';
import { ConcernField } from './concern-field.tsx';
import { IntakeFailure } from './intake-failure.tsx';
import { IntakePhotos } from './intake-photos.tsx';
import { PaymentChoice } from './payment-choice.tsx';
import { StartLaterField } from './start-later-field.tsx';
import { useIntakeForm, type IntakePaymentOptions } from './use-intake-form.ts';
import { VehicleFields } from './vehicle-fields.tsx';

/** The intake: vehicle, concern, photos, maybe a later start, and the way to pay. */
export function IntakeForm(props: IntakePaymentOptions) {
  const { form, photos, photoProblem, startLater, setStartLater, failure, failureRef, onSubmit } =
    useIntakeForm(props);
  const { errors, isSubmitting } = useFormState({ control: form.control, name: 'type' });
  const selectedType = useWatch({ control: form.control, name: 'type' });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-6">
      {failure ? (
        <div ref={failureRef} tabIndex={-1} className="outline-none">
          <IntakeFailure failure={failure} />
        </div>
      ) : null}
      <VehicleFields form={form} />
      <ConcernField form={form} />
      <IntakePhotos uploads={photos} problem={photoProblem} />
      <StartLaterField form={form} startLater={startLater} onStartLaterChange={setStartLater} />
      <PaymentChoice
        register={form.register('type')}
        selected={selectedType}
        freeSessionAvailable={props.freeSessionAvailable}
        credits={props.credits}
        error={errors.type?.message}
      />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Button type="submit" size="lg" pending={isSubmitting}>
          {selectedType === 'paid' ? 'Continue to payment' : 'Start session'}
        </Button>
        {selectedType === 'paid' ? (
          <p className="text-sm text-muted-foreground">
            You will pay on Stripe's secure page, then come back here.
          </p>
        ) : null}
      </div>
    </form>
  );
}
