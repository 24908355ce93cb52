import type { SignedInUser } from '@autodoctor/auth-client/auth-client';
import { ChangeEmailForm } from '@autodoctor/auth-client/change-email-form';
import { ChangePasswordForm } from '@autodoctor/auth-client/change-password-form';
import { ActiveSignIns, signInsQuery } from '@autodoctor/auth-client/sign-ins';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@autodoctor/ui/card';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** Account → Security, both apps: change password, change email, the active sign-ins. */
export function AccountSecuritySections({ user }: { user: SignedInUser }): ReactNode {
  const queryClient = useQueryClient();
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Change the password you sign in with.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm
            onChanged={() => void queryClient.invalidateQueries({ queryKey: signInsQuery.queryKey })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Email address</CardTitle>
          <CardDescription>
            Where we send security emails and, once confirmed, receipts and updates.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangeEmailForm currentEmail={user.email} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Where you are signed in</CardTitle>
          <CardDescription>
            Sign out a device you do not recognise, or every device but this one. Then change your password.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ActiveSignIns />
        </CardContent>
      </Card>
    </>
  );
}
