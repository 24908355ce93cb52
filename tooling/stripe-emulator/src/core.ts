import type { EventLog } from './events.ts';
import type { EmulatorState } from './state.ts';

/** What the API routes, the hosted page and the test helpers share. */
export interface EmulatorCore {
  state: EmulatorState;
  events: EventLog;
  /** The hosted checkout page's address, e.g. http://127.0.0.1:12111/checkout/cs_test_… */
  hostedPageUrl: (checkoutSessionId: string) => string;
}
