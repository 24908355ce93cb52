import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { viewerTimeZone } from '@autodoctor/ui/lib/format';
import { useFormState } from 'react-hook-form';
import type { IntakeFormApi } from './use-intake-form.ts';

interface StartLaterFieldProps {
  form: IntakeFormApi;
  startLater: boolean;
  onStartLaterChange: (startLater: boolean) => void;
}

/** `YYYY-MM-DDTHH:mm` in the viewer's zone, as `<input type="datetime-local">` takes it. */
function toLocalInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** "Book it for later", and when ticked, the start time in the customer's zone. */
export function StartLaterField({ form, startLater, onStartLaterChange }: StartLaterFieldProps) {
  const { errors } = useFormState({ control: form.control, name: 'scheduledFor' });
  return (
    <div className="grid gap-3">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={startLater}
          onChange={(event) => onStartLaterChange(event.target.checked)}
        />
        Book it for later
      </label>
      {startLater ? (
        <FormField
          label="Start at"
          description={`In your time zone (${viewerTimeZone()}). The session joins the queue then.`}
          error={errors.scheduledFor?.message}
        >
          {(control) => (
            <Input
              type="datetime-local"
              min={toLocalInputValue(new Date())}
              className="sm:max-w-xs"
              {...control}
              {...form.register('scheduledFor', {
                setValueAs: (value: string | undefined) => (value ? new Date(value) : undefined),
              })}
            />
          )}
        </FormField>
      ) : null}
    </div>
  );
}
