import { z } from 'zod';
import { lastEventIdField } from '../common.schema.ts';

export const acceptInput = z.object({ assignmentId: z.uuid() });
export const queueFeedInput = z.object({ lastEventId: lastEventIdField }).optional();
