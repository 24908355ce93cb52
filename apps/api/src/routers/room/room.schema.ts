import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { z } from 'zod';
import { lastEventIdField, sessionIdInput } from '../common.schema.ts';

/** A room entry's id, as the feed gives it. */
const entryId = z.string().regex(/^\d{1,18}$/, 'Must be a room entry id');

export const roomFeedInput = sessionIdInput.extend({ lastEventId: lastEventIdField });

// session-core checks the message itself (roomMessageSchema); this bounds what reaches it.
export const sendMessageInput = sessionIdInput.extend({
  clientMessageId: z.uuid(),
  body: z.string().max(ROOM_LIMITS.messageMaxChars * 2),
  photoIds: z
    .array(z.uuid())
    .max(ROOM_LIMITS.photosPerMessage * 2)
    .default([]),
});

export const markReadInput = sessionIdInput.extend({ upToId: entryId });

export const typingInput = sessionIdInput;
