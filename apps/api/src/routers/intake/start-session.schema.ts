import { intakeSchema, SESSION_TYPES } from '@autodoctor/session-core';
import { z } from 'zod';

/** What the intake form sends: how to pay, the vehicle, the concern, maybe a later start. */
export const startSessionInput = intakeSchema.extend({ type: z.enum(SESSION_TYPES) });
export type StartSessionInput = z.output<typeof startSessionInput>;
