import { AssignmentUnavailableError } from '@autodoctor/session-core';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { toTRPCError } from './errors.ts';

describe('toTRPCError', () => {
  it('maps an expected session-core error to its tRPC code, without a stack trace', () => {
    const cause = new AssignmentUnavailableError('00000000-0000-4000-8000-000000000000', 'accepted');
    const mapped = toTRPCError(cause);
    expect(mapped).toBeInstanceOf(TRPCError);
    expect(mapped).toMatchObject({ code: 'CONFLICT', message: cause.message, cause });
    // A captured stack has one "    at …" line per frame.
    expect((mapped as TRPCError).stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it('leaves any other error as it is', () => {
    const error = new Error('unexpected');
    expect(toTRPCError(error)).toBe(error);
  });
});
