import { ACCOUNT_LIMITS } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useState, type FormEvent } from 'react';
import { formText } from './form-text.ts';
import { accountActions, type AccountActions } from './auth-actions.ts';
import { checkNewPassword, type NewPasswordErrors } from './new-password.ts';

export const PASSWORD_RULE = `${ACCOUNT_LIMITS.passwordMinLength} to ${ACCOUNT_LIMITS.passwordMaxLength} characters.`;

/** better-auth's refusals of a spent, expired or altered link (or of an account gone since). */
const INVALID_LINK_CODES = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'USER_NOT_FOUND']);

export interface ResetPasswordFormProps {
  token: string;
  /** The new password is set (every sign-in of the account has ended). */
  onDone: () => void;
  /** The link is expired, used or altered: nothing was changed. */
  onInvalidLink: () => void;
  submitLabel?: string;
  resetPassword?: AccountActions['resetPassword'];
}

/** A new password, typed twice, for the account a reset (or invitation) link names. */
export function ResetPasswordForm({
  token,
  onDone,
  onInvalidLink,
  submitLabel = 'Set new password',
  resetPassword = accountActions.resetPassword,
}: ResetPasswordFormProps) {
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = formText(data, 'newPassword');
    const found = checkNewPassword(newPassword, formText(data, 'confirmation'));
    setErrors(found);
    if (found.newPassword || found.confirmation) return;
    setFailure(null);
    setPending(true);
    const result = await resetPassword(token, newPassword);
    setPending(false);
    if (result.code && INVALID_LINK_CODES.has(result.code)) onInvalidLink();
    else if (result.error) setFailure(result.error);
    else onDone();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      <FormField label="New password" description={PASSWORD_RULE} error={errors.newPassword}>
        {(control) => <Input name="newPassword" type="password" autoComplete="new-password" {...control} />}
      </FormField>
      <FormField label="New password again" error={errors.confirmation}>
        {(control) => <Input name="confirmation" type="password" autoComplete="new-password" {...control} />}
      </FormField>
      <Button type="submit" pending={pending} className="w-full">
        {submitLabel}
      </Button>
    </form>
  );
}
