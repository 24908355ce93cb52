/** The typed signature under a decision: trimmed, as the API checks it. */
export const SIGNATURE_NAME_LIMITS = { min: 2, max: 120 } as const;
