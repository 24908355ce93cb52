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
      [
        new errors.CustomerNotFoundError('u1'),
        'CustomerNotFoundError',
        'CUSTOMER_NOT_FOUND',
        'No customer with id u1',
      ],
      [
        new errors.MechanicNotFoundError('u2'),
        'MechanicNotFoundError',
        'MECHANIC_NOT_FOUND',
        'No mechanic with id u2',
      ],
      [
        new errors.SessionNotFoundError('s1'),
        'SessionNotFoundError',
        'SESSION_NOT_FOUND',
        'No session with id s1',
      ],
      [
        new errors.AssignmentNotFoundError('a1'),
        'AssignmentNotFoundError',
        'ASSIGNMENT_NOT_FOUND',
        'No assignment with id a1',
      ],
      [
        new errors.CreditPurchaseNotFoundError('cs_1'),
        'CreditPurchaseNotFoundError',
        'CREDIT_PURCHASE_NOT_FOUND',
        'No credit purchase with checkout cs_1',
      ],
      [
        new errors.CheckoutNotFoundError('cs_2'),
        'CheckoutNotFoundError',
        'CHECKOUT_NOT_FOUND',
        'No checkout cs_2',
      ],
    ] as const;
    for (const [error, name, code, message] of cases) {
      expect(error).toBeInstanceOf(errors.SessionCoreError);
      expect({ name: error.name, kind: error.kind, code: error.code, message: error.message }).toEqual({
        name,
        kind: 'not_found',
        code,
        message,
      });
    }
    expect(new errors.SessionNotFoundError('s1')).not.toBeInstanceOf(errors.MechanicNotFoundError);
  });
});
