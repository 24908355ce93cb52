import { signInSchema } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useState, type FormEvent } from 'react';
import { formText } from './form-text.ts';
import { accountActions, type AccountActions } from './auth-actions.ts';

/**
 * Change email: the new address gets a link, and the address changes only when it is opened (the
 * current one keeps working until then).
 */
export function ChangeEmailForm({
  currentEmail,
  changeEmail = accountActions.changeEmail,
}: {
  currentEmail: string;
  changeEmail?: AccountActions['changeEmail'];
}) {
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = signInSchema.shape.email.safeParse(formText(new FormData(form), 'newEmail').trim());
    setSentTo(null);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    if (parsed.data.toLowerCase() === currentEmail.toLowerCase()) {
      setError('That is already your email address');
      return;
    }
    setError(undefined);
    setFailure(null);
    setPending(true);
    const result = await changeEmail(parsed.data);
    setPending(false);
    if (result.error) {
      setFailure(result.error);
      return;
    }
    form.reset();
    setSentTo(parsed.data);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid max-w-md gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      {sentTo ? (
        <Alert tone="success" title="Check the new inbox">
          We sent a link to {sentTo}; your address changes when you open it. Until then, keep signing in with{' '}
          {currentEmail}.
        </Alert>
      ) : null}
      <p className="text-sm text-muted-foreground">Your email address is {currentEmail}.</p>
      <FormField label="New email address" error={error}>
        {(control) => <Input name="newEmail" type="email" autoComplete="email" {...control} />}
      </FormField>
      <Button type="submit" pending={pending} className="justify-self-start">
        Change email
      </Button>
    </form>
  );
}
