import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { acceptRefusalOf } from './accept-refusal.ts';

function refusal(data: Record<string, unknown>, message = 'Refused by the API') {
  return acceptRefusalOf(
    apiErrorInfo(new TRPCClientError(message, { result: { error: { code: -32600, message, data } } })),
  );
}

describe('acceptRefusalOf', () => {
  it('takes a session another mechanic won, or one that left the queue, out of the queue', () => {
    for (const gone of [
      refusal({ code: 'CONFLICT', appCode: 'ASSIGNMENT_UNAVAILABLE' }),
      refusal({ code: 'NOT_FOUND', appCode: 'ASSIGNMENT_NOT_FOUND' }),
      refusal({ code: 'NOT_FOUND' }),
    ]) {
      expect(gone).toEqual({
        gone: true,
        message:
          'Another mechanic took this session (or its customer withdrew it). It is no longer in your queue.',
      });
    }
  });

  it('tells a busy mechanic to finish their session first, and keeps the entry', () => {
    expect(refusal({ code: 'CONFLICT', appCode: 'MECHANIC_BUSY' })).toEqual({
      gone: false,
      message: 'You already have an active session: finish it before accepting another.',
    });
  });

  it("passes on the API's own message for anything else", () => {
    expect(refusal({ code: 'TOO_MANY_REQUESTS' }, 'Too many requests')).toEqual({
      gone: false,
      message: 'Too many requests',
    });
    expect(refusal({ code: 'NOT_FOUND', appCode: 'MECHANIC_NOT_FOUND' }, 'No mechanic')).toEqual({
      gone: false,
      message: 'No mechanic',
    });
  });
});
