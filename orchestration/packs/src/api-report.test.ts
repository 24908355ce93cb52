import { describe, expect, it } from 'vitest';
import { sortLiteralUnions } from './api-report.ts';

describe('sortLiteralUnions', () => {
  it('gives one text for the same union met in any order', () => {
    const a = 'data: "ended" | "cancelled" | "expired" | "created";';
    const b = 'data: "created" | "ended" | "cancelled" | "expired";';
    expect(sortLiteralUnions(a)).toBe('data: "cancelled" | "created" | "ended" | "expired";');
    expect(sortLiteralUnions(b)).toBe(sortLiteralUnions(a));
  });

  it('sorts each union on its own line and leaves other members where they are', () => {
    const report = [
      'status: "queued" | "accepted" | null;',
      'role: "mechanic" | "customer";',
      'name: string | undefined;',
      'one: "single";',
    ].join('\n');
    expect(sortLiteralUnions(report)).toBe(
      [
        'status: "accepted" | "queued" | null;',
        'role: "customer" | "mechanic";',
        'name: string | undefined;',
        'one: "single";',
      ].join('\n'),
    );
  });

  it('sorts a run of zod enum members, a line each, keeping CRLF', () => {
    const members = (order: string[]) =>
      ['status: ZodEnum<{', ...order.map((name) => `    ${name}: "${name}";`), '}>;'].join('\r\n');
    expect(sortLiteralUnions(members(['waiting', 'pending', 'live']))).toBe(
      members(['live', 'pending', 'waiting']),
    );
    expect(sortLiteralUnions(members(['waiting', 'pending']))).not.toBe(
      sortLiteralUnions(members(['waiting', 'pending', 'live'])),
    );
  });

  it('still tells a changed union from the report', () => {
    expect(sortLiteralUnions('"b" | "a"')).not.toBe(sortLiteralUnions('"b" | "a" | "c"'));
  });
});
