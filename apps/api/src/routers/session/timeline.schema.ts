import { sessionIdInput } from '../common.schema.ts';

/** One session the caller takes part in. */
export const timelineInput = sessionIdInput;
