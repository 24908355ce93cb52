import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_EXISTS_MESSAGE, checkInvitation, invitationRefusal } from './invite-mechanic-dialog.tsx';

/** A refusal as the API sends it (its data: code, appCode …). */
function refusal(data: Record<string, unknown>, message = 'refused') {
  return new TRPCClientError(message, { result: { error: { code: -32600, message, data } } });
}

describe('checkInvitation', () => {
  it('gives the invitation as the API takes it: the address trimmed and lower-cased, the name trimmed', () => {
    expect(checkInvitation({ email: ' Ida@Example.COM ', name: ' Ida Invited ' })).toEqual({
      invitation: { email: 'ida@example.com', name: 'Ida Invited' },
    });
  });

  it('says what is wrong at each field, once', () => {
    expect(checkInvitation({ email: 'ida at example', name: '  ' })).toEqual({
      errors: { email: 'Enter a valid email address', name: 'Enter the mechanic’s name' },
    });
    expect(checkInvitation({ email: 'ida@example.com', name: 'I'.repeat(101) })).toEqual({
      errors: { name: 'Name must be at most 100 characters' },
    });
  });
});

describe('invitationRefusal', () => {
  it('puts a taken address under the email field', () => {
    expect(invitationRefusal(refusal({ code: 'CONFLICT', appCode: 'ACCOUNT_EXISTS' }))).toEqual({
      email: ACCOUNT_EXISTS_MESSAGE,
    });
  });

  it('says anything else above the form, in the API’s words', () => {
    expect(
      invitationRefusal(
        refusal(
          { code: 'TOO_MANY_REQUESTS', appCode: null },
          'Too many mechanics invited: at most 30 in 10 minutes',
        ),
      ),
    ).toEqual({ form: 'Too many mechanics invited: at most 30 in 10 minutes' });
    expect(invitationRefusal(new Error('offline')).form).toMatch(/^Could not reach AutoDoctor/);
  });
});
