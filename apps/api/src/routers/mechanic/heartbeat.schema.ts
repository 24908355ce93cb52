import { z } from 'zod';

/** A heartbeat carries nothing (anything sent is refused). */
export const heartbeatInput = z.void();
