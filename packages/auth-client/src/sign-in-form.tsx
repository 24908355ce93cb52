import { signInSchema, type SignInInput } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authErrorMessage, authSessionQuery, loadAuthClient } from './auth-client.ts';

type FieldErrors = Partial<Record<keyof SignInInput, string>>;

/**
 * Email and password, checked by session-core's `signInSchema`; on success the
 * signed-in user is loaded and `onSignedIn` runs. Two fields need no form
 * library: the first screen of both apps stays light.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: () => Promise<unknown> }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: data.get('email'), password: data.get('password') });
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof SignInInput;
        fieldErrors[field] ??= issue.message;
      }
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    setFailure(null);
    setPending(true);
    try {
      const authClient = await loadAuthClient();
      const { error } = await authClient.signIn.email(parsed.data);
      if (error) {
        setFailure(authErrorMessage(error));
        return;
      }
      // Load who is signed in now: the guard of the next screen reads it from the cache.
      await queryClient.query({ ...authSessionQuery, staleTime: 0 });
      await onSignedIn();
    } catch {
      setFailure(authErrorMessage({}));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      <FormField label="Email" error={errors.email}>
        {(control) => <Input name="email" type="email" autoComplete="email" {...control} />}
      </FormField>
      <FormField label="Password" error={errors.password}>
        {(control) => <Input name="password" type="password" autoComplete="current-password" {...control} />}
      </FormField>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
