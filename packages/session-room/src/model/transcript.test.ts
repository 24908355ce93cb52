import { TYPING_INDICATOR } from '@autodoctor/session-core/rules';
import { describe, expect, it } from 'vitest';
import { compareEntryIds, type RoomFeedEntry, type RoomMessageEntry } from './room-entry.ts';
import {
  initialTranscript,
  readMarkToSend,
  seenMessageId,
  theyAreTyping,
  transcriptItems,
  transcriptReducer,
  type TranscriptAction,
  type TranscriptState,
} from './transcript.ts';

const SESSION = '00000000-0000-4000-8000-000000000001';
const at = new Date('2026-12-02T10:00:00Z');

function message(id: string, overrides: Partial<RoomMessageEntry> = {}): RoomMessageEntry {
  return {
    kind: 'message',
    id,
    sessionId: SESSION,
    clientMessageId: `client-${id}`,
    authorRole: 'mechanic',
    authorName: 'Sam Torque',
    body: `message ${id}`,
    photos: [],
    at,
    ...overrides,
  };
}
const mine = (id: string, overrides: Partial<RoomMessageEntry> = {}) =>
  message(id, { authorRole: 'customer', authorName: 'Casey Driver', ...overrides });
const system = (id: string, event: 'assignment_accepted' | 'started' | 'ended'): RoomFeedEntry => ({
  kind: 'system',
  id,
  sessionId: SESSION,
  event,
  at,
});
const read = (id: string, authorRole: 'customer' | 'mechanic', readUpTo: string): RoomFeedEntry => ({
  kind: 'read',
  id,
  sessionId: SESSION,
  authorRole,
  readUpTo,
  at,
});

/** The customer's transcript after these actions. */
function run(...actions: TranscriptAction[]): TranscriptState {
  return actions.reduce(transcriptReducer, initialTranscript('customer'));
}
const entries = (...list: RoomFeedEntry[]): TranscriptAction[] =>
  list.map((entry) => ({ type: 'entry', entry }));
const ids = (state: TranscriptState) => transcriptItems(state).map((item) => item.id);
const sendAction = (clientMessageId: string, body = 'hello'): TranscriptAction => ({
  type: 'send',
  clientMessageId,
  authorName: 'Casey Driver',
  body,
  photos: [],
  at,
});

describe('compareEntryIds', () => {
  it('orders ids as numbers, not as text', () => {
    expect(compareEntryIds('9', '10')).toBeLessThan(0);
    expect(compareEntryIds('100', '99')).toBeGreaterThan(0);
    expect(compareEntryIds('42', '42')).toBe(0);
    expect(compareEntryIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
  });
});

describe('the transcript: stored entries', () => {
  it('applies each entry once, in id order, whatever order and however often they come', () => {
    const state = run(
      ...entries(system('1', 'assignment_accepted'), message('3'), message('10'), message('9')),
      ...entries(message('3'), system('1', 'assignment_accepted'), message('2'), message('10')),
    );
    expect(ids(state)).toEqual(['1', '2', '3', '9', '10']);
  });

  it('keeps the same state object for an entry it already has (nothing re-renders)', () => {
    const before = run(...entries(message('1'), message('2')));
    expect(transcriptReducer(before, { type: 'entry', entry: message('1') })).toBe(before);
  });

  it('tells my messages from theirs by role', () => {
    const state = run(...entries(message('1'), mine('2')));
    expect(transcriptItems(state).map((item) => item.kind === 'message' && item.mine)).toEqual([false, true]);
  });

  it('keeps system lines with their event', () => {
    const state = run(...entries(system('1', 'assignment_accepted'), system('2', 'started')));
    expect(transcriptItems(state)).toMatchObject([
      { kind: 'system', event: 'assignment_accepted' },
      { kind: 'system', event: 'started' },
    ]);
  });
});

describe('the transcript: my messages on the way', () => {
  it('shows a message at once as sending, after the stored ones', () => {
    const state = run(...entries(message('1')), sendAction('c1', 'My brakes squeal'));
    expect(transcriptItems(state)).toMatchObject([
      { id: '1' },
      { id: null, clientMessageId: 'c1', body: 'My brakes squeal', mine: true, status: 'sending' },
    ]);
  });

  it('becomes sent when the send reply comes, and the feed then changes nothing', () => {
    const stored = mine('5', { clientMessageId: 'c1', body: 'hello' });
    const afterReply = run(sendAction('c1'), ...entries(stored));
    expect(transcriptItems(afterReply)).toMatchObject([{ id: '5', clientMessageId: 'c1', status: 'sent' }]);
    expect(transcriptReducer(afterReply, { type: 'entry', entry: stored })).toBe(afterReply);
  });

  it('becomes sent when the feed is faster than the reply', () => {
    const stored = mine('5', { clientMessageId: 'c1' });
    const state = run(sendAction('c1'), sendAction('c2'), ...entries(stored));
    expect(transcriptItems(state)).toMatchObject([
      { id: '5', clientMessageId: 'c1', status: 'sent' },
      { id: null, clientMessageId: 'c2', status: 'sending' },
    ]);
  });

  it('keeps a failed message with its reason, and a retry sends it again under the same id', () => {
    const failed = run(sendAction('c1', 'Is it the pads?'), {
      type: 'sendFailed',
      clientMessageId: 'c1',
      error: 'Could not reach AutoDoctor.',
    });
    expect(transcriptItems(failed)).toMatchObject([
      {
        clientMessageId: 'c1',
        body: 'Is it the pads?',
        status: 'failed',
        error: 'Could not reach AutoDoctor.',
      },
    ]);
    const retried = transcriptReducer(failed, sendAction('c1', 'Is it the pads?'));
    expect(transcriptItems(retried)).toMatchObject([
      { clientMessageId: 'c1', status: 'sending', error: null },
    ]);
    expect(transcriptItems(retried)).toHaveLength(1);
  });

  it('a failure reported after the message was stored changes nothing (the first try got through)', () => {
    const state = run(sendAction('c1'), ...entries(mine('4', { clientMessageId: 'c1' })), {
      type: 'sendFailed',
      clientMessageId: 'c1',
      error: 'timeout',
    });
    expect(transcriptItems(state)).toMatchObject([{ id: '4', status: 'sent' }]);
  });

  it('a retry of a message already stored adds nothing', () => {
    const state = run(sendAction('c1'), ...entries(mine('4', { clientMessageId: 'c1' })), sendAction('c1'));
    expect(ids(state)).toEqual(['4']);
  });
});

describe('the transcript: read state', () => {
  it('puts "Seen" under my last message the other side has read', () => {
    const state = run(...entries(mine('1'), mine('2'), message('3'), mine('4'), read('5', 'mechanic', '3')));
    expect(seenMessageId(state)).toBe('2');
    const later = transcriptReducer(state, { type: 'entry', entry: read('6', 'mechanic', '6') });
    expect(seenMessageId(later)).toBe('4');
  });

  it('shows no "Seen" before they have read anything, and ignores my own read marks for it', () => {
    const state = run(...entries(mine('1'), read('2', 'customer', '1')));
    expect(seenMessageId(state)).toBeNull();
  });

  it('never moves back for an older read mark', () => {
    const state = run(
      ...entries(mine('1'), mine('2'), read('3', 'mechanic', '2'), read('4', 'mechanic', '1')),
    );
    expect(seenMessageId(state)).toBe('2');
  });

  it('marks read only what is newer than what I already said I read', () => {
    const state = run(...entries(message('1'), message('2')));
    expect(readMarkToSend(state, '2')).toBe('2');
    const marked = transcriptReducer(state, { type: 'markedRead', upTo: '2' });
    expect(readMarkToSend(marked, '2')).toBeNull();
    expect(readMarkToSend(marked, '1')).toBeNull();
    // My own read entry coming back from the feed counts the same.
    const fromFeed = run(...entries(message('1'), message('10'), read('11', 'customer', '10')));
    expect(readMarkToSend(fromFeed, '9')).toBeNull();
    expect(readMarkToSend(fromFeed, null)).toBeNull();
  });
});

describe('the transcript: typing', () => {
  const now = 1_000_000;

  it('shows the other side typing until TYPING_INDICATOR.clearAfterMs of silence', () => {
    const state = run({ type: 'typing', role: 'mechanic', now });
    expect(theyAreTyping(state, now + TYPING_INDICATOR.clearAfterMs - 1)).toBe(true);
    expect(theyAreTyping(state, now + TYPING_INDICATOR.clearAfterMs)).toBe(false);
    const again = transcriptReducer(state, { type: 'typing', role: 'mechanic', now: now + 3_000 });
    expect(theyAreTyping(again, now + TYPING_INDICATOR.clearAfterMs + 1)).toBe(true);
    const expired = transcriptReducer(again, {
      type: 'tick',
      now: now + 3_000 + TYPING_INDICATOR.clearAfterMs,
    });
    expect(expired.theirTypingUntil).toBeNull();
  });

  it('ignores my own typing signal', () => {
    expect(theyAreTyping(run({ type: 'typing', role: 'customer', now }), now)).toBe(false);
  });

  it('stops when their message arrives', () => {
    const state = run({ type: 'typing', role: 'mechanic', now }, ...entries(message('1')));
    expect(theyAreTyping(state, now + 1)).toBe(false);
  });
});

describe('the transcript: what is announced', () => {
  it('announces nothing of the replayed past, then their new messages and system lines, not mine', () => {
    const state = run(
      ...entries(message('1'), system('2', 'started')),
      { type: 'caughtUp' },
      ...entries(message('3'), mine('4'), system('5', 'ended'), message('3')),
    );
    expect(state.announcements.map((item) => item.id)).toEqual(['3', '5']);
  });

  it('keeps only the last few announcements', () => {
    const state = run(
      { type: 'caughtUp' },
      ...entries(...['1', '2', '3', '4', '5'].map((id) => message(id))),
    );
    expect(state.announcements.map((item) => item.id)).toEqual(['3', '4', '5']);
  });
});

describe('the transcript: what it does not know', () => {
  it('skips an entry of an unknown kind or without an id instead of failing', () => {
    const strange = { kind: 'reaction', id: '3', sessionId: SESSION, at } as unknown as RoomFeedEntry;
    const noId = { ...message('4'), id: undefined } as unknown as RoomFeedEntry;
    const state = run(...entries(message('1'), strange, noId, message('2')));
    expect(ids(state)).toEqual(['1', '2']);
  });
});
