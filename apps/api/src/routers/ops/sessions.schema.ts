import { SESSION_STATUSES } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** An operator's session search: an id, an email or a VIN, a status, a creation range (ISO instants). */
export const sessionsInput = z
  .object({
    query: z.string().trim().max(254).optional(),
    status: z.enum(SESSION_STATUSES).optional(),
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdTo: z.iso.datetime({ offset: true }).optional(),
  })
  .transform(({ createdFrom, createdTo, ...rest }) => ({
    ...rest,
    ...(createdFrom ? { createdFrom: new Date(createdFrom) } : {}),
    ...(createdTo ? { createdTo: new Date(createdTo) } : {}),
  }));
