import { signInSchema } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useState, type FormEvent } from 'react';
import { accountActions, type AccountActions } from './auth-actions.ts';

/**
 * The same words whether or not the address has an account (and whether or not a link went out:
 * the API's per-address limit is silent too), so that nobody learns who has one.
 */
export const RESET_LINK_SENT =
  'If an account exists for that address, we sent a link to choose a new password.';

/** "Forgot your password?": an email address, then the same answer whatever it is. */
export function ForgotPasswordForm({
  requestPasswordReset = accountActions.requestPasswordReset,
}: {
  requestPasswordReset?: AccountActions['requestPasswordReset'];
}) {
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInSchema.shape.email.safeParse(new FormData(event.currentTarget).get('email'));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    setFailure(null);
    setPending(true);
    const result = await requestPasswordReset(parsed.data);
    setPending(false);
    if (result.error) setFailure(result.error);
    else setSentTo(parsed.data);
  }

  if (sentTo) {
    return (
      <div className="grid gap-3">
        <Alert tone="success" title="Check your inbox">
          {RESET_LINK_SENT} The link works for one hour.
        </Alert>
        <p className="text-sm text-muted-foreground">
          Nothing after a few minutes? Look in your spam folder, or{' '}
          <button
            type="button"
            className="font-medium text-primary underline-offset-4 hover:underline"
            onClick={() => setSentTo(null)}
          >
            try another address
          </button>
          .
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      <FormField label="Email" error={error}>
        {(control) => <Input name="email" type="email" autoComplete="email" {...control} />}
      </FormField>
      <Button type="submit" pending={pending} className="w-full">
        Send me a link
      </Button>
    </form>
  );
}
