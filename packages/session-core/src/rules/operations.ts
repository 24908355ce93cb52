/** Why an operator opens a session's transcript: required, kept in the access log. */
export const TRANSCRIPT_REASON = { min: 3, max: 500 } as const;
