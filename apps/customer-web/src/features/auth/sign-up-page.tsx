import { signUpSchema } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { authErrorMessage, authSessionQuery, loadAuthClient } from '@autodoctor/auth-client/auth-client';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Alert } from '@autodoctor/ui/alert';

type SignUpValues = z.input<typeof signUpSchema>;

const CHECK_YOUR_INBOX = 'Check your inbox: we sent a message to this address to continue.';

export function SignUpPage() {
  const search = useSearch({ from: '/sign-up' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SignUpValues>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const authClient = await loadAuthClient();
    const { error } = await authClient.signUp.email(values);
    if (error) {
      setFailure(authErrorMessage(error));
      return;
    }
    // Sign-up answers an address that has an account as it does a new one (it never tells), and
    // signs nobody in: sign in with what was typed. That fails only for an existing address with
    // another password, which then reads the words a new account would.
    const signIn = await authClient.signIn.email({ email: values.email, password: values.password });
    if (signIn.error) {
      setFailure(signIn.error.status === 401 ? CHECK_YOUR_INBOX : authErrorMessage(signIn.error));
      return;
    }
    // Load who is signed in now: the guard of the next screen reads it from the cache.
    await queryClient.query({ ...authSessionQuery, staleTime: 0 });
    await navigate({ to: search.redirect ?? '/' });
  });

  return (
    <AuthLayout
      title="Create your account"
      description="Your first session with a mechanic is free."
      footer={
        <>
          Already have an account?{' '}
          <Link
            to="/sign-in"
            search={search}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
        {failure ? <Alert>{failure}</Alert> : null}
        <FormField label="Name" error={errors.name?.message}>
          {(control) => <Input autoComplete="name" {...control} {...form.register('name')} />}
        </FormField>
        <FormField label="Email" error={errors.email?.message}>
          {(control) => <Input type="email" autoComplete="email" {...control} {...form.register('email')} />}
        </FormField>
        <FormField label="Password" description="8 to 128 characters." error={errors.password?.message}>
          {(control) => (
            <Input type="password" autoComplete="new-password" {...control} {...form.register('password')} />
          )}
        </FormField>
        <Button type="submit" pending={isSubmitting} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
