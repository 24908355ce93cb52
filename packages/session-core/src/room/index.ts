export {
  getRoomEntry,
  positionOfRoomEntry,
  readRoomEntries,
  type ReadRoomEntriesOptions,
  type RoomEntry,
  type RoomMessage,
  type RoomPhoto,
  type RoomReadMark,
  type RoomSystemLine,
} from './room-entries.ts';
export { findRoomParticipant, type RoomParticipant } from './room-participant.ts';
export { sendRoomMessage, type SendRoomMessageInput } from './send-room-message.ts';
export { markRoomRead, type MarkRoomReadInput } from './mark-room-read.ts';
