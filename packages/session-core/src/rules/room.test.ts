import { describe, expect, it } from 'vitest';

// Rules tests run where the rules run (no node: imports); any well-formed UUIDs will do.
const randomUUID = () => crypto.randomUUID();
import { SESSION_STATUSES } from './statuses.ts';
import { isRoomOpen, ROOM_LIMITS, roomMessageSchema, sessionSummarySchema } from './room.ts';

const message = (overrides: Record<string, unknown>) => ({
  clientMessageId: randomUUID(),
  body: 'Hello',
  ...overrides,
});

describe('room messages', () => {
  it('take up to the limit, trimmed, line breaks kept', () => {
    expect(roomMessageSchema.parse(message({ body: '  one\ntwo  ' })).body).toBe('one\ntwo');
    expect(
      roomMessageSchema.safeParse(message({ body: 'x'.repeat(ROOM_LIMITS.messageMaxChars) })).success,
    ).toBe(true);
    expect(
      roomMessageSchema.safeParse(message({ body: 'x'.repeat(ROOM_LIMITS.messageMaxChars + 1) })).success,
    ).toBe(false);
  });

  it('may be empty only with photos, and carry at most the photo limit', () => {
    expect(roomMessageSchema.safeParse(message({ body: '  ' })).success).toBe(false);
    expect(roomMessageSchema.safeParse(message({ body: '', photoIds: [randomUUID()] })).success).toBe(true);
    const tooMany = Array.from({ length: ROOM_LIMITS.photosPerMessage + 1 }, () => randomUUID());
    expect(roomMessageSchema.safeParse(message({ photoIds: tooMany })).success).toBe(false);
  });

  it('refuse NUL and other control characters, and ids that are not UUIDs', () => {
    expect(roomMessageSchema.safeParse(message({ body: 'a\u0000b' })).success).toBe(false);
    expect(roomMessageSchema.safeParse(message({ body: 'bell\u0007' })).success).toBe(false);
    expect(roomMessageSchema.safeParse(message({ clientMessageId: 'retry-1' })).success).toBe(false);
  });
});

describe('the room is open', () => {
  it('from the accept until the end: waiting and live only', () => {
    expect(SESSION_STATUSES.filter(isRoomOpen)).toEqual(['waiting', 'live']);
  });
});

describe('the summary', () => {
  it('needs what was found, what next and the workshop answer', () => {
    const valid = { found: 'Worn pads', nextSteps: 'Replace them', workshopVisitNeeded: false };
    expect(sessionSummarySchema.safeParse(valid).success).toBe(true);
    expect(sessionSummarySchema.safeParse({ ...valid, found: ' ' }).success).toBe(false);
    expect(sessionSummarySchema.safeParse({ ...valid, nextSteps: '' }).success).toBe(false);
    expect(sessionSummarySchema.safeParse({ found: 'x', nextSteps: 'y' }).success).toBe(false);
  });
});
