export { toSessionView, type SessionView } from './session-view.ts';
export {
  findActiveSession,
  getParticipantSession,
  listCustomerSessions,
  type Reader,
  type SessionPage,
} from './participant-sessions.ts';
export { listQueue, toQueueEntry, type QueueEntry, type QueueEntryColumns } from './queue.ts';
export { vehicleOf, type Vehicle } from './vehicle.ts';
