export {
  toMechanicSessionView,
  toSessionView,
  type MechanicSessionView,
  type SessionView,
} from './session-view.ts';
export {
  findActiveSession,
  getParticipantSession,
  listCustomerSessions,
  listParticipantSessions,
  type ParticipantSession,
  type Reader,
  type SessionPage,
  type SessionSummary,
  type SessionWithMechanic,
} from './participant-sessions.ts';
export { listQueue, toQueueEntry, type QueueEntry, type QueueEntryColumns } from './queue.ts';
export { vehicleOf, type Vehicle } from './vehicle.ts';
export { getQueueStatus, QUEUE_ESTIMATE_SAMPLE, type QueueStatus } from './queue-status.ts';
export { getIntakeOptions, type IntakeOptions } from './intake-options.ts';
export {
  countOnlineMechanics,
  getMechanicAvailability,
  type MechanicAvailability,
} from './mechanic-presence.ts';
export { listUpcomingSessions, type UpcomingEntry } from './upcoming.ts';
export { getSessionTimeline, type TimelineEvent } from './timeline.ts';
export { intakePhotosColumn, photoRefOf, type PhotoRef, type StoredPhoto } from './photo-ref.ts';
export {
  listMechanicRoster,
  MECHANIC_ROSTER_LIMIT,
  type MechanicRosterEntry,
  type MechanicRosterStatus,
} from './mechanic-roster.ts';
