import { intakeSchema, sessionTypeSchema } from '@autodoctor/session-core/rules';
import type { z } from 'zod';

/** The intake form: session-core's intake schema (the API's own, with its messages) plus the way to pay. */
export const startSessionFormSchema = intakeSchema.extend({ type: sessionTypeSchema });
export type StartSessionFormValues = z.input<typeof startSessionFormSchema>;
