export { toSessionView, type SessionView } from './session-view.ts';
export {
  findActiveSession,
  getParticipantSession,
  listCustomerSessions,
  type Reader,
  type SessionPage,
  type SessionWithMechanic,
} from './participant-sessions.ts';
export { listQueue, toQueueEntry, type QueueEntry, type QueueEntryColumns } from './queue.ts';
export { vehicleOf, type Vehicle } from './vehicle.ts';
export { getQueueStatus, QUEUE_ESTIMATE_SAMPLE, type QueueStatus } from './queue-status.ts';
export { getIntakeOptions, type IntakeOptions } from './intake-options.ts';
