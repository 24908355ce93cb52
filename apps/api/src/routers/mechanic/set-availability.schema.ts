import { z } from 'zod';

/** The mechanic switches themselves on (taking sessions) or off. */
export const setAvailabilityInput = z.object({ online: z.boolean() });
