import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isUuid } from './ids.ts';

/** What `isUuid` must agree with: zod's UUID schema, as the API's inputs are checked. */
const zodUuid = z.uuid();
const zodAccepts = (value: unknown) => zodUuid.safeParse(value).success;

describe('isUuid', () => {
  it.each([
    ['a v4 UUID', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['a v7 UUID in capitals', '0190B2C4-7E3A-7C2D-8F00-1A2B3C4D5E6F'],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ['the max UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ])('takes %s', (_, value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['no hyphens', '3f2504e04f8941d39a0c0305e82c3301'],
    ['braces', '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}'],
    ['a version 0', '3f2504e0-4f89-01d3-9a0c-0305e82c3301'],
    ['a version 9', '3f2504e0-4f89-91d3-9a0c-0305e82c3301'],
    ['an NCS variant', '3f2504e0-4f89-41d3-7a0c-0305e82c3301'],
    ['a non-hex digit', '3f2504e0-4f89-41d3-9a0c-0305e82c330g'],
    ['a trailing newline', '3f2504e0-4f89-41d3-9a0c-0305e82c3301\n'],
    ['surrounding spaces', ' 3f2504e0-4f89-41d3-9a0c-0305e82c3301 '],
    ['a SQL fragment', "3f2504e0-4f89-41d3-9a0c-0305e82c3301' OR '1'='1"],
  ])('refuses %s', (_, value) => {
    expect(isUuid(value)).toBe(false);
  });

  it('refuses what is not a string, though typed as one (e.g. a JSON number)', () => {
    expect(isUuid(12 as unknown as string)).toBe(false);
    expect(isUuid({ toString: () => '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } as unknown as string)).toBe(
      false,
    );
  });

  it('accepts exactly what z.uuid() accepts', () => {
    const nearUuid = fc
      .tuple(
        fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8, 15] }),
        fc.nat({ max: 36 }),
        fc.constantFrom('', '0', 'g', 'F', '-', '8', 'b', 'c', '\n'),
      )
      .map(([id, at, char]) => id.slice(0, at) + char + id.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), nearUuid, fc.string({ maxLength: 40 })), (value) => {
        expect(isUuid(value)).toBe(zodAccepts(value));
      }),
      { numRuns: 5000 },
    );
  });
});
