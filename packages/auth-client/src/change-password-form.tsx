import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useId, useState, type FormEvent } from 'react';
import { formText } from './form-text.ts';
import { accountActions, type AccountActions } from './auth-actions.ts';
import { checkNewPassword, type NewPasswordErrors } from './new-password.ts';
import { PASSWORD_RULE } from './reset-password-form.tsx';

type Errors = NewPasswordErrors & { currentPassword?: string };

/**
 * Change password: the current one, the new one twice, and "sign out my other devices" (checked:
 * whoever else may know the old password is signed out with it). `onChanged` after a change.
 */
export function ChangePasswordForm({
  onChanged,
  changePassword = accountActions.changePassword,
}: {
  onChanged?: (revokedOtherSessions: boolean) => void;
  changePassword?: AccountActions['changePassword'];
}) {
  const checkboxId = useId();
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = formText(data, 'currentPassword');
    const newPassword = formText(data, 'newPassword');
    const found: Errors = checkNewPassword(newPassword, formText(data, 'confirmation'));
    if (!currentPassword) found.currentPassword = 'Enter your current password';
    setErrors(found);
    setDone(null);
    if (found.currentPassword || found.newPassword || found.confirmation) return;
    const revokeOtherSessions = data.get('revokeOtherSessions') === 'on';
    setFailure(null);
    setPending(true);
    const result = await changePassword({ currentPassword, newPassword, revokeOtherSessions });
    setPending(false);
    if (result.error) {
      if (result.code === 'INVALID_PASSWORD') setErrors({ currentPassword: result.error });
      else setFailure(result.error);
      return;
    }
    form.reset();
    setDone(
      revokeOtherSessions
        ? 'Your password is changed, and your other devices are signed out.'
        : 'Your password is changed.',
    );
    onChanged?.(revokeOtherSessions);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid max-w-md gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormField label="Current password" error={errors.currentPassword}>
        {(control) => (
          <Input name="currentPassword" type="password" autoComplete="current-password" {...control} />
        )}
      </FormField>
      <FormField label="New password" description={PASSWORD_RULE} error={errors.newPassword}>
        {(control) => <Input name="newPassword" type="password" autoComplete="new-password" {...control} />}
      </FormField>
      <FormField label="New password again" error={errors.confirmation}>
        {(control) => <Input name="confirmation" type="password" autoComplete="new-password" {...control} />}
      </FormField>
      <div className="flex items-center gap-2">
        <input
          id={checkboxId}
          name="revokeOtherSessions"
          type="checkbox"
          defaultChecked
          className="size-4 accent-primary"
        />
        <label htmlFor={checkboxId} className="text-sm">
          Sign out my other devices
        </label>
      </div>
      <Button type="submit" pending={pending} className="justify-self-start">
        Change password
      </Button>
    </form>
  );
}
