import { authSessionQuery } from '@autodoctor/auth-client/auth-client';
import { ResetPasswordForm } from '@autodoctor/auth-client/reset-password-form';
import { Alert } from '@autodoctor/ui/alert';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Button } from '@autodoctor/ui/button';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { TEXT_LINK_CLASS } from './forgot-password-page.tsx';
import { parseResetPasswordSearch } from './lib/account-search.ts';

/**
 * The page a reset link (or a mechanic's invitation, `invited`) opens: a new password twice. A spent,
 * expired or altered link changes nothing and says so, with the way to a new one.
 */
export function ResetPasswordPage() {
  const { token, invited = false } = parseResetPasswordSearch(useSearch({ strict: false }));
  const queryClient = useQueryClient();
  const [state, setState] = useState<'form' | 'invalid' | 'done'>(token ? 'form' : 'invalid');
  const signInLink = (
    <Link to="/sign-in" className={TEXT_LINK_CLASS}>
      Back to sign in
    </Link>
  );
  if (state === 'invalid') {
    return (
      <AuthLayout
        title="This link no longer works"
        description={
          invited
            ? 'Invitation links work for 7 days and only once. Nothing was changed.'
            : 'Password links work for one hour and only once. Nothing was changed.'
        }
        footer={signInLink}
      >
        <div className="grid gap-4">
          <Alert>The link has expired, was already used, or is incomplete.</Alert>
          <Button asChild className="w-full">
            <Link to="/forgot-password">Ask for a new link</Link>
          </Button>
        </div>
      </AuthLayout>
    );
  }
  if (state === 'done') {
    return (
      <AuthLayout
        title={invited ? 'Your password is set' : 'Your password is changed'}
        description="Every device that was signed in to your account is signed out. Sign in with your new password."
        footer={null}
      >
        <Button asChild className="w-full">
          <Link to="/sign-in">Sign in</Link>
        </Button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title={invited ? 'Set your password' : 'Choose a new password'}
      description={
        invited
          ? 'Welcome to AutoDoctor. Choose the password you will sign in with.'
          : 'Choose a new password for your account. Every device signed in to it will be signed out.'
      }
      footer={signInLink}
    >
      <ResetPasswordForm
        token={token ?? ''}
        submitLabel={invited ? 'Set password' : 'Set new password'}
        onInvalidLink={() => setState('invalid')}
        onDone={() => {
          // Every sign-in of the account ended, this browser's too if it had one.
          queryClient.setQueryData(authSessionQuery.queryKey, null);
          setState('done');
        }}
      />
    </AuthLayout>
  );
}
