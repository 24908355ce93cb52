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

  it('gives every not-found error its own class, name, code and message', () => {
    const cases = [
      [errors.CustomerNotFoundError, 'CUSTOMER_NOT_FOUND', 'No customer with id x'],
      [errors.MechanicNotFoundError, 'MECHANIC_NOT_FOUND', 'No mechanic with id x'],
      [errors.SessionNotFoundError, 'SESSION_NOT_FOUND', 'No session with id x'],
      [errors.AssignmentNotFoundError, 'ASSIGNMENT_NOT_FOUND', 'No assignment with id x'],
      [errors.CreditPurchaseNotFoundError, 'CREDIT_PURCHASE_NOT_FOUND', 'No credit purchase with checkout x'],
      [errors.CheckoutNotFoundError, 'CHECKOUT_NOT_FOUND', 'No checkout x'],
    ] as const;
    for (const [ErrorClass, code, message] of cases) {
      const error = new ErrorClass('x');
      expect(error).toBeInstanceOf(errors.SessionCoreError);
      expect({ name: error.name, kind: error.kind, code: error.code, message: error.message }).toEqual({
        name: ErrorClass.name,
        kind: 'not_found',
        code,
        message,
      });
    }
    expect(new errors.SessionNotFoundError('x')).not.toBeInstanceOf(errors.MechanicNotFoundError);
  });
});
