import { timeZoneSchema } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** The summary's months are calendar months in the caller's IANA time zone (the browser's). */
export const earningsInput = z.object({ timeZone: timeZoneSchema });
