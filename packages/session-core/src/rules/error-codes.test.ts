import { describe, expect, it } from 'vitest';
import * as errors from '../errors.ts';
import { APP_ERROR_CODES, isAppErrorCode, type AppErrorCode } from './error-codes.ts';

describe('APP_ERROR_CODES', () => {
  it('a misspelt code fails typecheck (pnpm typecheck reports an unused @ts-expect-error otherwise)', () => {
    const code = 'ROOM_CLOSED' as AppErrorCode;
    // @ts-expect-error 'ROOM_CLOSD' is not an AppErrorCode: the comparison has no overlap.
    expect(code === 'ROOM_CLOSD').toBe(false);
    // @ts-expect-error nor can one be spelt where a code is expected.
    const misspelt: AppErrorCode = 'ROOM_CLOSD';
    expect(isAppErrorCode(misspelt)).toBe(false);
  });

  it('reads only listed codes off the wire', () => {
    expect(isAppErrorCode('MECHANIC_BUSY')).toBe(true);
    expect(isAppErrorCode('mechanic_busy')).toBe(false);
    expect(isAppErrorCode(undefined)).toBe(false);
    expect(isAppErrorCode(42)).toBe(false);
  });

  it('lists each code of a session-core error class once, and nothing else', () => {
    const classCodes = Object.values(errors)
      .filter((value) => typeof value === 'function' && value.prototype instanceof errors.SessionCoreError)
      // The code is an instance field; an empty list is a harmless first argument for every constructor.
      .map((ErrorClass) => (Reflect.construct(ErrorClass, [[]]) as errors.SessionCoreError).code);
    expect(new Set(APP_ERROR_CODES).size).toBe(APP_ERROR_CODES.length);
    expect([...classCodes].sort()).toEqual([...APP_ERROR_CODES].sort());
  });
});
