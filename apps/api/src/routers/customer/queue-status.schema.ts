import { sessionIdInput } from '../common.schema.ts';

/** One of the customer's sessions. */
export const queueStatusInput = sessionIdInput;
