import { intakeSchema, sessionTypeSchema } from '@autodoctor/session-core';
import type { z } from 'zod';

/** What the intake form sends: how to pay, the vehicle, the concern, maybe a later start. */
export const startSessionInput = intakeSchema.extend({ type: sessionTypeSchema });
export type StartSessionInput = z.output<typeof startSessionInput>;
