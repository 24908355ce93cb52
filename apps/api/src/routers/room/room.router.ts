import { createTRPCRouter, participantProcedure } from '../../trpc/init.ts';
import { markReadHandler } from './mark-read.handler.ts';
import { roomFeedHandler } from './room-feed.handler.ts';
import { markReadInput, roomFeedInput, sendMessageInput, typingInput } from './room.schema.ts';
import { sendMessageHandler } from './send-message.handler.ts';
import { typingHandler } from './typing.handler.ts';

/** A session's room, for its two participants: from the accept until the end, read-only afterwards. */
export const roomRouter = createTRPCRouter({
  /** The room's entries over SSE (resumable with lastEventId), and the other side typing. */
  feed: participantProcedure.input(roomFeedInput).subscription(roomFeedHandler),
  /** Sends a message (idempotent by clientMessageId); CONFLICT ROOM_CLOSED outside waiting/live. */
  send: participantProcedure.input(sendMessageInput).mutation(sendMessageHandler),
  /** The caller has seen the room up to an entry. */
  markRead: participantProcedure.input(markReadInput).mutation(markReadHandler),
  /** The caller is typing (call at most every TYPING_INDICATOR.sendEveryMs). */
  typing: participantProcedure.input(typingInput).mutation(typingHandler),
});
