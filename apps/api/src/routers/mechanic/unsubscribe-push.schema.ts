import { z } from 'zod';
import { pushEndpointField } from './subscribe-push.schema.ts';

/** The subscription this browser gives up (its endpoint). */
export const unsubscribePushInput = z.object({ endpoint: pushEndpointField });
