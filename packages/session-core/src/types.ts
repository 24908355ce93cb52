import type { sessionAssignments, sessionEvents, sessionParticipants, sessions } from '@autodoctor/db';

/** A row of `sessions`. */
export type Session = typeof sessions.$inferSelect;
/** A row of `session_assignments`. */
export type Assignment = typeof sessionAssignments.$inferSelect;
/** A row of `session_participants`. */
export type Participant = typeof sessionParticipants.$inferSelect;
/** A row of `session_events`. */
export type SessionEvent = typeof sessionEvents.$inferSelect;
