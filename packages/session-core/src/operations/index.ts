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
