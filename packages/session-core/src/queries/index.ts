export { toSessionView, type SessionView } from './session-view.ts';
export {
  findActiveSession,
  getParticipantSession,
  listCustomerSessions,
  type Reader,
  type SessionPage,
} from './participant-sessions.ts';
export { listQueue, toQueueEntry, type QueueEntry } from './queue.ts';
