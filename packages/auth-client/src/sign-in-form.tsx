import { signInSchema } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { authErrorMessage, authSessionQuery, loadAuthClient } from './auth-client.ts';

type SignInValues = z.input<typeof signInSchema>;

/** Email and password; on success the signed-in user is loaded and `onSignedIn` runs. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => Promise<unknown> }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const authClient = await loadAuthClient();
    const { error } = await authClient.signIn.email(values);
    if (error) {
      setFailure(authErrorMessage(error));
      return;
    }
    // Load who is signed in now: the guard of the next screen reads it from the cache.
    await queryClient.query({ ...authSessionQuery, staleTime: 0 });
    await onSignedIn();
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      <FormField label="Email" error={errors.email?.message}>
        {(control) => <Input type="email" autoComplete="email" {...control} {...form.register('email')} />}
      </FormField>
      <FormField label="Password" error={errors.password?.message}>
        {(control) => (
          <Input
            type="password"
            autoComplete="current-password"
            {...control}
            {...form.register('password')}
          />
        )}
      </FormField>
      <Button type="submit" pending={isSubmitting} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
