import { z } from 'zod';
import { lastEventIdField } from '../common.schema.ts';

export const queueFeedInput = z.object({ lastEventId: lastEventIdField }).optional();
