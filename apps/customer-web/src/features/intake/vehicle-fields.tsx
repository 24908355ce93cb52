import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useFormState } from 'react-hook-form';
import type { IntakeFormApi } from './use-intake-form.ts';

/** The vehicle: year, make and model on one row, then the optional VIN. */
export function VehicleFields({ form }: { form: IntakeFormApi }) {
  const { errors } = useFormState({ control: form.control, name: 'vehicle' });
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-base font-semibold">Your vehicle</legend>
      <div className="grid items-start gap-4 sm:grid-cols-[8rem_1fr_1fr]">
        <FormField label="Year" error={errors.vehicle?.year?.message}>
          {(control) => (
            <Input
              inputMode="numeric"
              autoComplete="off"
              placeholder="e.g. 2017"
              {...control}
              {...form.register('vehicle.year', { valueAsNumber: true })}
            />
          )}
        </FormField>
        <FormField label="Make" error={errors.vehicle?.make?.message}>
          {(control) => <Input placeholder="e.g. Honda" {...control} {...form.register('vehicle.make')} />}
        </FormField>
        <FormField label="Model" error={errors.vehicle?.model?.message}>
          {(control) => <Input placeholder="e.g. Civic" {...control} {...form.register('vehicle.model')} />}
        </FormField>
      </div>
      <FormField
        label="VIN"
        aside="optional"
        description="17 letters and digits, on the dashboard behind the windscreen or in the driver's door frame."
        error={errors.vehicle?.vin?.message}
      >
        {(control) => (
          <Input
            autoComplete="off"
            spellCheck={false}
            maxLength={17}
            className="font-mono uppercase"
            {...control}
            {...form.register('vehicle.vin', {
              setValueAs: (value: string | undefined) => (value?.trim() ? value.trim() : undefined),
            })}
          />
        )}
      </FormField>
    </fieldset>
  );
}
