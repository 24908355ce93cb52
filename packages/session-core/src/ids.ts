import { z } from 'zod';

const uuid = z.uuid();

/** True for a well-formed UUID; anything else cannot name a session or an assignment. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
