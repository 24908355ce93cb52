import { z } from 'zod';

/** The account's password, to confirm (as long as a password may be: 128). */
export const deleteAccountInput = z.object({ password: z.string().min(1).max(128) });
