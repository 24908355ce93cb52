import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiErrorInfo, appErrorOf, assertNever, isMissing, type AppErrorCode } from './api-error.ts';

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
    expect(apiErrorInfo(new Error('offline')).appCode).toBeNull();
  });
});

describe('exhaustive switches over the codes', () => {
  it('a switch that misses a code, or spells one wrong, fails typecheck (pnpm typecheck reports an unused @ts-expect-error otherwise)', () => {
    function onlyRoomClosed(appCode: AppErrorCode): string {
      switch (appCode) {
        case 'ROOM_CLOSED':
          return 'closed';
        // @ts-expect-error 'ROOM_CLOSD' is not an AppErrorCode.
        case 'ROOM_CLOSD':
          return 'misspelt';
        default:
          // @ts-expect-error the other codes are not handled: appCode is not `never` here.
          return assertNever(appCode);
      }
    }
    expect(onlyRoomClosed('ROOM_CLOSED')).toBe('closed');
    expect(() => onlyRoomClosed('MECHANIC_BUSY')).toThrow('Unhandled value: MECHANIC_BUSY');

    const { code } = apiErrorInfo(apiError({ code: 'NOT_FOUND' }));
    // @ts-expect-error tRPC's codes are typed as well: 'NOT_FOUD' is none of them.
    expect(code === 'NOT_FOUD').toBe(false);
  });
});

describe('isMissing', () => {
  it('is true for an unknown or somebody else’s session, a malformed id, or the other role’s procedure', () => {
    expect(isMissing(apiErrorInfo(apiError({ code: 'NOT_FOUND', appCode: 'SESSION_NOT_FOUND' })))).toBe(true);
    expect(isMissing(apiErrorInfo(apiError({ code: 'FORBIDDEN', appCode: 'NOT_A_PARTICIPANT' })))).toBe(true);
    expect(isMissing(apiErrorInfo(apiError({ code: 'BAD_REQUEST' })))).toBe(true);
    expect(isMissing(apiErrorInfo(apiError({ code: 'FORBIDDEN' })))).toBe(true);
  });

  it('is false for a failure worth retrying or another refusal', () => {
    expect(isMissing(apiErrorInfo(apiError({ code: 'SERVICE_UNAVAILABLE' })))).toBe(false);
    expect(isMissing(apiErrorInfo(apiError({ code: 'TOO_MANY_REQUESTS' })))).toBe(false);
    expect(isMissing(apiErrorInfo(apiError({ code: 'CONFLICT', appCode: 'ROOM_CLOSED' })))).toBe(false);
    expect(isMissing(apiErrorInfo(new TRPCClientError('offline')))).toBe(false);
  });
});
