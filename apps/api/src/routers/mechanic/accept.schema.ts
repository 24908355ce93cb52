import { z } from 'zod';

export const acceptInput = z.object({ assignmentId: z.uuid() });
