import { describe, expect, it } from 'vitest';
import { firstNameOf } from './names.ts';

describe('firstNameOf', () => {
  it('is the first word of the name', () => {
    expect(firstNameOf('Alice Smith')).toBe('Alice');
    expect(firstNameOf('  Zoë   van der Berg ')).toBe('Zoë');
    expect(firstNameOf('Cher')).toBe('Cher');
    expect(firstNameOf('Jean\u00a0Luc Picard')).toBe('Jean');
    expect(firstNameOf('   ')).toBe('');
  });
});
