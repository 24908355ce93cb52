import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiErrorInfo, appErrorOf } from './api-error.ts';

function apiError(data: Record<string, unknown>) {
  return new TRPCClientError('refused', {
    result: { error: { code: -32603, message: 'refused', data } },
  });
}

describe('appErrorOf', () => {
  it("reads the API's data.appCode when it is one of APP_ERROR_CODES", () => {
    expect(appErrorOf(apiError({ code: 'CONFLICT', appCode: 'MECHANIC_BUSY' }))).toBe('MECHANIC_BUSY');
    expect(apiErrorInfo(apiError({ code: 'CONFLICT', appCode: 'ROOM_CLOSED' })).appCode).toBe('ROOM_CLOSED');
  });

  it('is null without one, with an unknown one, and for anything but an API error', () => {
    expect(appErrorOf(apiError({ code: 'TOO_MANY_REQUESTS', appCode: null }))).toBeNull();
    expect(appErrorOf(apiError({ code: 'CONFLICT', appCode: 'SOMETHING_NEWER' }))).toBeNull();
    expect(appErrorOf(new Error('MECHANIC_BUSY'))).toBeNull();
    expect(appErrorOf(new TRPCClientError('offline'))).toBeNull();
  });
});
