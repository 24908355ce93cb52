import type { EventOrigin } from './events.ts';

/** Per-request values the /v1 middleware hands to the routes. */
export interface AppEnv {
  Variables: { origin: EventOrigin & { requestId: string } };
}
