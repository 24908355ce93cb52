import { describe, expect, it } from 'vitest';
import { InvalidSessionInputError } from './errors.ts';
import { cursorKey, pageOf } from './pagination.ts';

const positiveId = ([id]: unknown[]) => (typeof id === 'number' && id > 0 ? id : undefined);

describe('pageOf and cursorKey', () => {
  it('hands back the last item’s key through the cursor, and no cursor on the last page', () => {
    const first = pageOf([9, 8, 7], 2, (last) => [last]);
    expect(first.items).toEqual([9, 8]);
    expect(cursorKey({ limit: 2, cursor: first.nextCursor }, positiveId)).toBe(8);
    expect(pageOf([7], 2, (last) => [last])).toEqual({ items: [7], nextCursor: null });
    expect(pageOf([], 2, (last) => [last])).toEqual({ items: [], nextCursor: null });
  });

  it('reads no key for the first page', () => {
    expect(cursorKey({ limit: 2 }, positiveId)).toBeUndefined();
    expect(cursorKey({ limit: 2, cursor: null }, positiveId)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a JSON object', Buffer.from('{"id":1}').toString('base64url')],
    ['a key the list refuses', Buffer.from('[-1]').toString('base64url')],
    ['a key of another type', Buffer.from('["8"]').toString('base64url')],
  ])('refuses %s as InvalidSessionInputError on `cursor`', (_, cursor) => {
    expect(() => cursorKey({ limit: 2, cursor }, positiveId)).toThrow(InvalidSessionInputError);
  });
});
