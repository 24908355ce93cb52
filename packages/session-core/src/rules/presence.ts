/**
 * Mechanic availability (presence). The mechanic app sends a heartbeat every
 * `heartbeatMs` while it is open; a mechanic counts as online while switched
 * on and seen within the last `offlineAfterSeconds` (by the database clock), so
 * a closed tab or a lost connection goes offline by itself after a few missed
 * heartbeats.
 */
export const MECHANIC_PRESENCE = { heartbeatMs: 60_000, offlineAfterSeconds: 180 } as const;
