export {
  SESSION_SEARCH_LIMIT,
  searchSessions,
  sessionSearchSchema,
  type SessionSearch,
  type SessionSearchHit,
} from './search-sessions.ts';
export {
  getOperatorSessionView,
  listTranscriptAccess,
  openTranscript,
  TRANSCRIPT_ACCESS_LIMIT,
  TRANSCRIPT_ENTRY_LIMIT,
  type OpenTranscriptInput,
  type OperatorSessionView,
  type TranscriptAccess,
} from './transcript-access.ts';
export {
  cancelSessionAsOperator,
  listOperatorActions,
  OPERATOR_ACTION_LIMIT,
  operatorReasonOf,
  recordOperatorAction,
  requeueInTransaction,
  requeueSession,
  type OperatorAction,
  type OperatorActionLine,
  type OperatorActionRecord,
  type OperatorSessionActionInput,
  type RequeuedSession,
} from './operator-actions.ts';
export {
  disableMechanic,
  enableMechanic,
  type DisabledMechanic,
  type MechanicAccessInput,
} from './mechanic-access.ts';
