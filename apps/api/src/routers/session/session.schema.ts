import { lastEventIdField, sessionIdInput } from '../common.schema.ts';

export const sessionFeedInput = sessionIdInput.extend({ lastEventId: lastEventIdField });
