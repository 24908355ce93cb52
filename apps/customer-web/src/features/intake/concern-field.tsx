import { CONCERN_MAX_LENGTH } from '@autodoctor/session-core/rules';
import { FormField } from '@autodoctor/ui/form-field';
import { Textarea } from '@autodoctor/ui/textarea';
import { useFormState, useWatch } from 'react-hook-form';
import type { IntakeFormApi } from './use-intake-form.ts';

/** What the problem is, with a counter of the characters left. */
export function ConcernField({ form }: { form: IntakeFormApi }) {
  const { errors } = useFormState({ control: form.control, name: 'concern' });
  // Watched here, not in the form: a keystroke re-renders the counter, not every section.
  const concernLength = useWatch({ control: form.control, name: 'concern' })?.length ?? 0;
  return (
    <FormField
      label="What is the problem?"
      aside={`${concernLength} / ${CONCERN_MAX_LENGTH}`}
      description="When it happens, what you hear or see, what was done already."
      error={errors.concern?.message}
    >
      {(control) => (
        <Textarea rows={5} maxLength={CONCERN_MAX_LENGTH} {...control} {...form.register('concern')} />
      )}
    </FormField>
  );
}
