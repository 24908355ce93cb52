import { describe, expect, it } from 'vitest';
import { mechanicInvitationSchema, signInSchema, signUpSchema } from './account.ts';

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

describe('mechanicInvitationSchema', () => {
  it('trims and lower-cases the address and trims the name', () => {
    expect(mechanicInvitationSchema.parse({ email: ' Ida@Example.COM ', name: ' Ida Invited ' })).toEqual({
      email: 'ida@example.com',
      name: 'Ida Invited',
    });
  });

  it.each([
    ['not an email', { email: 'ida', name: 'Ida' }, 'Enter a valid email address'],
    ['no email', { name: 'Ida' }, 'Enter a valid email address'],
    ['an empty name', { email: 'ida@example.com', name: '  ' }, 'Enter the mechanic’s name'],
    [
      'a 101-character name',
      { email: 'ida@example.com', name: 'a'.repeat(101) },
      'Name must be at most 100 characters',
    ],
    [
      'a control character',
      { email: 'ida@example.com', name: 'Ida\u0007' },
      'Remove the control characters from the mechanic’s name',
    ],
  ])('refuses %s, saying what to do', (_, input, message) => {
    const result = mechanicInvitationSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
