import { describe, expect, it } from 'vitest';
import { signInSchema, signUpSchema } from './account.ts';

const valid = { name: '  Ada Lovelace ', email: 'ada@example.com', password: 'correct horse' };

describe('signUpSchema', () => {
  it('accepts a plain sign-up and trims the name', () => {
    expect(signUpSchema.parse(valid)).toEqual({ ...valid, name: 'Ada Lovelace' });
  });

  it.each([
    ['an empty name', { ...valid, name: '   ' }],
    ['a 101-character name', { ...valid, name: 'a'.repeat(101) }],
    ['a control character in the name', { ...valid, name: 'Ada\u0000' }],
    ['a 100,000-character name', { ...valid, name: 'a'.repeat(100_000) }],
    ['not an email', { ...valid, email: 'ada' }],
    ['a 255-character email', { ...valid, email: `${'a'.repeat(243)}@example.com` }],
    ['a 7-character password', { ...valid, password: 'a'.repeat(7) }],
    ['a 129-character password', { ...valid, password: 'a'.repeat(129) }],
  ])('refuses %s', (_, input) => {
    expect(signUpSchema.safeParse(input).success).toBe(false);
  });

  it('takes the limits exactly', () => {
    expect(
      signUpSchema.safeParse({ ...valid, name: 'a'.repeat(100), password: 'a'.repeat(128) }).success,
    ).toBe(true);
    expect(signUpSchema.safeParse({ ...valid, password: 'a'.repeat(8) }).success).toBe(true);
  });
});

describe('signInSchema', () => {
  it('accepts any non-empty password up to 128 characters', () => {
    expect(signInSchema.safeParse({ email: valid.email, password: 'x' }).success).toBe(true);
    expect(signInSchema.safeParse({ email: valid.email, password: '' }).success).toBe(false);
    expect(signInSchema.safeParse({ email: valid.email, password: 'x'.repeat(129) }).success).toBe(false);
    expect(signInSchema.safeParse({ email: 'x'.repeat(100_000), password: 'x' }).success).toBe(false);
  });
});
