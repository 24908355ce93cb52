import { describe, expect, it } from 'vitest';
import { parseSessionsSearch } from './sessions-search.ts';

describe('parseSessionsSearch', () => {
  it('keeps a query and a known status, drops the rest', () => {
    expect(parseSessionsSearch({ q: '  pat@example.test ', status: 'ended' })).toEqual({
      q: 'pat@example.test',
      status: 'ended',
    });
    expect(parseSessionsSearch({ q: '', status: 'lost', other: 1 })).toEqual({});
    expect(parseSessionsSearch({ q: 42 })).toEqual({});
  });
});
