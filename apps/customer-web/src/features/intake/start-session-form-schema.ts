import { intakeSchema, SESSION_TYPES } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** The intake form: session-core's intake schema (the API's own) plus the way to pay. */
export const startSessionFormSchema = intakeSchema.extend({ type: z.enum(SESSION_TYPES) });
export type StartSessionFormValues = z.input<typeof startSessionFormSchema>;

/** Friendlier words where the schema has none of its own (its own messages win). */
export const intakeErrorMessages: z.core.$ZodErrorMap = (issue) => {
  const path = issue.path?.join('.');
  if (path === 'vehicle.year') {
    if (issue.code === 'invalid_type') return 'Enter the model year, e.g. 2017';
    if (issue.code === 'too_small') return 'Enter a year from 1886 on';
  }
  if (path === 'vehicle.make' && issue.code === 'too_small') return 'Enter the make, e.g. Honda';
  if (path === 'vehicle.model' && issue.code === 'too_small') return 'Enter the model, e.g. Civic';
  if (path === 'type') return 'Choose how to pay';
  if (path === 'scheduledFor' && issue.code === 'invalid_type') return 'Pick a date and time';
  return undefined;
};
