import { authSessionQuery } from '@autodoctor/auth-client/auth-client';
import { Alert } from '@autodoctor/ui/alert';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Button } from '@autodoctor/ui/button';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { parseEmailVerifiedSearch } from './lib/account-search.ts';

/**
 * The landing after a verification (or new-address) link: confirmed, or the link expired or did not
 * work (better-auth's `?error=`), and what to do next.
 */
export function EmailVerifiedPage() {
  const { error } = parseEmailVerifiedSearch(useSearch({ strict: false }));
  const queryClient = useQueryClient();
  // The address is verified now (or changed): who is signed in is read again, the banner goes.
  useEffect(() => {
    if (!error) void queryClient.invalidateQueries({ queryKey: authSessionQuery.queryKey });
  }, [error, queryClient]);
  if (error) {
    return (
      <AuthLayout
        title={error === 'TOKEN_EXPIRED' ? 'This link has expired' : 'This link does not work'}
        description="Your email address was not confirmed, and nothing was changed."
        footer={null}
      >
        <div className="grid gap-4">
          <Alert tone="info">
            Sign in and choose “Send the link again” at the top of the page (or change your address again from
            Account → Security) for a new link.
          </Alert>
          <Button asChild className="w-full">
            <Link to="/">Continue to AutoDoctor</Link>
          </Button>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title="Your email address is confirmed"
      description="Thank you. Receipts and session updates now reach you by email."
      footer={null}
    >
      <Button asChild className="w-full">
        <Link to="/">Continue to AutoDoctor</Link>
      </Button>
    </AuthLayout>
  );
}
