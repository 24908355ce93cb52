import { z } from 'zod';

// An IANA name (`Area/Location`, `UTC`, `Etc/GMT+10`): Intl also takes offsets such as `+05:30`,
// which PostgreSQL reads with the opposite sign (POSIX), so those are refused.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** Whether `name` is an IANA time zone this runtime's Intl knows (e.g. `Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, as a browser reports it (`Intl.DateTimeFormat().resolvedOptions().timeZone`). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'Not an IANA time zone, e.g. America/New_York' });
