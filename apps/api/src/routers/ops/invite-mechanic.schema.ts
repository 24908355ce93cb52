import { mechanicInvitationSchema } from '@autodoctor/session-core/rules';

/**
 * Who is invited: an email and a name. The console's dialog checks the very same schema
 * (session-core's rules, zod/mini), so the browser refuses what the API would.
 */
export const inviteMechanicInput = mechanicInvitationSchema;
