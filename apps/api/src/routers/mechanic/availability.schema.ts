import { z } from 'zod';

/** The mechanic switches themselves on (taking sessions) or off. */
export const setAvailabilityInput = z.object({ online: z.boolean() });

/** A heartbeat carries nothing (anything sent is refused). */
export const heartbeatInput = z.void();
