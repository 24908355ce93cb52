import { TYPING_INDICATOR, type SessionEventType } from '@autodoctor/session-core/rules';
import {
  compareEntryIds,
  maxEntryId,
  type PhotoRef,
  type RoomFeedEntry,
  type RoomMessageEntry,
  type RoomRole,
  type RoomSystemEntry,
} from './room-entry.ts';

/**
 * The conversation as one participant sees it: the stored entries from the
 * feed (applied idempotently, in id order), their own messages still on the way
 * (sending, or failed with a retry), who has read what, and whether the other
 * side is typing. Pure: the app's hooks feed it and render it.
 */

export type MessageStatus = 'sending' | 'sent' | 'failed';

/** A message as the transcript shows it: its `clientMessageId` keeps the bubble's place and focus from sending to sent. */
export interface TranscriptMessage extends Omit<RoomMessageEntry, 'id' | 'sessionId'> {
  /** The stored entry's id; null while the message is only in this tab. */
  id: string | null;
  mine: boolean;
  status: MessageStatus;
  /** Why the last try failed (status 'failed'). */
  error: string | null;
}

export interface TranscriptSystemLine {
  kind: 'system';
  id: string;
  event: SessionEventType;
  at: Date;
}

export type TranscriptItem = TranscriptMessage | TranscriptSystemLine;

/** An entry the server stored: it has its id. */
export type StoredItem = (TranscriptMessage & { id: string }) | TranscriptSystemLine;

export interface TranscriptState {
  myRole: RoomRole;
  /** Stored messages and system lines, in id order. */
  stored: StoredItem[];
  /** My messages not stored yet, in the order they were written. */
  pending: TranscriptMessage[];
  /** The other side has seen every entry up to this id. */
  theirReadUpTo: string | null;
  /** I have seen (or said I have seen) every entry up to this id. */
  myReadUpTo: string | null;
  /** Until when (ms, the caller's clock) the other side shows as typing. */
  theirTypingUntil: number | null;
  /**
   * False while the feed replays what was said before the room opened; after,
   * entries from the other side and system lines are new and announced.
   */
  caughtUp: boolean;
  /** The latest new entries to announce to screen readers (a few, oldest first). */
  announcements: StoredItem[];
}

export type TranscriptAction =
  /** An entry from the feed, or the stored message `room.send` answered with. */
  | { type: 'entry'; entry: RoomFeedEntry }
  /** The replay of the room's past is over (see `caughtUp`). */
  | { type: 'caughtUp' }
  /** The other side (or I, elsewhere: ignored) is typing, at `now`. */
  | { type: 'typing'; role: RoomRole; now: number }
  /** Time passed: a typing signal older than TYPING_INDICATOR.clearAfterMs expires. */
  | { type: 'tick'; now: number }
  /** I send a message (or try again after a failure: same clientMessageId). */
  | {
      type: 'send';
      clientMessageId: string;
      authorName: string;
      body: string;
      photos: PhotoRef[];
      at: Date;
    }
  | { type: 'sendFailed'; clientMessageId: string; error: string }
  /** I told the server I have read up to here (before its read entry comes back). */
  | { type: 'markedRead'; upTo: string };

/** How many recent announcements are kept in the live region. */
const ANNOUNCEMENTS_KEPT = 3;

export function initialTranscript(myRole: RoomRole): TranscriptState {
  return {
    myRole,
    stored: [],
    pending: [],
    theirReadUpTo: null,
    myReadUpTo: null,
    theirTypingUntil: null,
    caughtUp: false,
    announcements: [],
  };
}

export function transcriptReducer(state: TranscriptState, action: TranscriptAction): TranscriptState {
  switch (action.type) {
    case 'entry':
      return applyEntry(state, action.entry);
    case 'caughtUp':
      return state.caughtUp ? state : { ...state, caughtUp: true };
    case 'typing':
      if (action.role === state.myRole) return state;
      return { ...state, theirTypingUntil: action.now + TYPING_INDICATOR.clearAfterMs };
    case 'tick':
      return state.theirTypingUntil !== null && state.theirTypingUntil <= action.now
        ? { ...state, theirTypingUntil: null }
        : state;
    case 'send':
      return send(state, action);
    case 'sendFailed':
      return {
        ...state,
        pending: state.pending.map((message) =>
          message.clientMessageId === action.clientMessageId
            ? { ...message, status: 'failed', error: action.error }
            : message,
        ),
      };
    case 'markedRead':
      return { ...state, myReadUpTo: maxEntryId(state.myReadUpTo, action.upTo) };
  }
}

function applyEntry(state: TranscriptState, entry: RoomFeedEntry): TranscriptState {
  if (entry.kind === 'read') {
    // A maximum: applying it twice, or an older one late, changes nothing.
    return entry.authorRole === state.myRole
      ? { ...state, myReadUpTo: maxEntryId(state.myReadUpTo, entry.readUpTo) }
      : { ...state, theirReadUpTo: maxEntryId(state.theirReadUpTo, entry.readUpTo) };
  }
  // A kind this client does not know (from a newer API) is skipped, not shown broken.
  const kind: string = entry.kind;
  if ((kind !== 'message' && kind !== 'system') || typeof entry.id !== 'string') return state;
  const index = insertionIndex(state.stored, entry.id);
  if (index < 0) return state; // already applied: a replay, or the send reply and the feed both
  const item = entry.kind === 'message' ? storedMessage(entry, state.myRole) : systemLine(entry);
  const stored = [...state.stored.slice(0, index), item, ...state.stored.slice(index)];
  const next: TranscriptState = { ...state, stored };
  if (item.kind === 'message' && item.mine) {
    next.pending = state.pending.filter((message) => message.clientMessageId !== item.clientMessageId);
  }
  // Their message ends their typing.
  if (item.kind === 'message' && !item.mine) next.theirTypingUntil = null;
  if (state.caughtUp && !(item.kind === 'message' && item.mine)) {
    next.announcements = [...state.announcements, item].slice(-ANNOUNCEMENTS_KEPT);
  }
  return next;
}

/** Where an entry with this id goes in `stored`, or -1 when it is there already. */
function insertionIndex(stored: readonly StoredItem[], id: string): number {
  // Entries nearly always arrive in order: check the end first.
  const last = stored.at(-1);
  if (!last || compareEntryIds(last.id, id) < 0) return stored.length;
  let low = 0;
  let high = stored.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareEntryIds(stored[middle]!.id, id);
    if (order === 0) return -1;
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function storedMessage(entry: RoomMessageEntry, myRole: RoomRole): StoredItem {
  return {
    kind: 'message',
    id: entry.id,
    clientMessageId: entry.clientMessageId,
    authorRole: entry.authorRole,
    authorName: entry.authorName,
    body: entry.body,
    photos: entry.photos,
    at: entry.at,
    mine: entry.authorRole === myRole,
    status: 'sent',
    error: null,
  };
}

function systemLine(entry: RoomSystemEntry): TranscriptSystemLine {
  return { kind: 'system', id: entry.id, event: entry.event, at: entry.at };
}

function send(state: TranscriptState, action: Extract<TranscriptAction, { type: 'send' }>): TranscriptState {
  // Stored already (the feed was faster than a retry's click): nothing to send.
  if (
    state.stored.some((item) => item.kind === 'message' && item.clientMessageId === action.clientMessageId)
  ) {
    return state;
  }
  const retried = state.pending.find((message) => message.clientMessageId === action.clientMessageId);
  if (retried) {
    return {
      ...state,
      pending: state.pending.map((message) =>
        message === retried ? { ...message, status: 'sending', error: null } : message,
      ),
    };
  }
  const message: TranscriptMessage = {
    kind: 'message',
    id: null,
    clientMessageId: action.clientMessageId,
    authorRole: state.myRole,
    authorName: action.authorName,
    body: action.body,
    photos: action.photos,
    at: action.at,
    mine: true,
    status: 'sending',
    error: null,
  };
  return { ...state, pending: [...state.pending, message] };
}

/** The conversation as shown: stored entries in order, then my messages on the way. */
export function transcriptItems(state: TranscriptState): TranscriptItem[] {
  return state.pending.length ? [...state.stored, ...state.pending] : state.stored;
}

/** The stored message of mine under which "Seen" goes: my last one the other side has read. */
export function seenMessageId(state: TranscriptState): string | null {
  const readUpTo = state.theirReadUpTo;
  if (readUpTo === null) return null;
  for (let index = state.stored.length - 1; index >= 0; index--) {
    const item = state.stored[index]!;
    if (item.kind === 'message' && item.mine && compareEntryIds(item.id, readUpTo) <= 0) return item.id;
  }
  return null;
}

/**
 * The id to mark as read once the other side's messages up to `visibleUpTo` have
 * been on screen: null when there is nothing new to say. Only their messages
 * count — marking read entries or my own would answer each read mark with
 * another, back and forth without end.
 */
export function readMarkToSend(state: TranscriptState, visibleUpTo: string | null): string | null {
  if (visibleUpTo === null) return null;
  if (state.myReadUpTo !== null && compareEntryIds(visibleUpTo, state.myReadUpTo) <= 0) return null;
  return visibleUpTo;
}

/** Whether the other side shows as typing at `now`. */
export function theyAreTyping(state: TranscriptState, now: number): boolean {
  return state.theirTypingUntil !== null && now < state.theirTypingUntil;
}
