import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Laptop } from 'lucide-react';
import { authErrorMessage, loadAuthClient } from './auth-client.ts';
import { deviceName } from './device-name.ts';

/** One active sign-in of the account, as better-auth's list-sessions answers it. */
export interface SignIn {
  token: string;
  userAgent?: string | null | undefined;
  ipAddress?: string | null | undefined;
  /** When the sign-in was last used (better-auth refreshes it as it is used). */
  updatedAt: Date;
  createdAt: Date;
}

/** The account's active sign-ins, this one first, and this one's token. */
export const signInsQuery = queryOptions({
  queryKey: ['auth', 'sign-ins'],
  queryFn: async (): Promise<{ signIns: SignIn[]; currentToken: string | null }> => {
    const authClient = await loadAuthClient();
    const [list, current] = await Promise.all([authClient.listSessions(), authClient.getSession()]);
    if (list.error) throw new Error(authErrorMessage(list.error));
    const currentToken = current.data?.session.token ?? null;
    const signIns = [...list.data].sort(
      (a, b) =>
        Number(b.token === currentToken) - Number(a.token === currentToken) ||
        new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime(),
    );
    return {
      signIns: signIns.map((signIn) => ({
        ...signIn,
        updatedAt: new Date(signIn.updatedAt),
        createdAt: new Date(signIn.createdAt),
      })),
      currentToken,
    };
  },
});

export interface SignInsListProps {
  signIns: SignIn[];
  currentToken: string | null;
  /** Which sign-in is being signed out ('others': all but this one), or null. */
  pending: string | null;
  failure: string | null;
  onSignOut: (token: string) => void;
  onSignOutOthers: () => void;
}

/** The account's active sign-ins: device, address, last use, "this device", and signing them out. */
export function SignInsList({
  signIns,
  currentToken,
  pending,
  failure,
  onSignOut,
  onSignOutOthers,
}: SignInsListProps) {
  const others = signIns.filter((signIn) => signIn.token !== currentToken);
  return (
    <div className="grid gap-4">
      {failure ? <Alert>{failure}</Alert> : null}
      <ul aria-label="Active sign-ins" className="grid divide-y rounded-md border">
        {signIns.map((signIn) => {
          const device = deviceName(signIn.userAgent);
          const current = signIn.token === currentToken;
          return (
            <li key={signIn.token} className="flex flex-wrap items-center gap-3 p-3">
              <Laptop className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="grid min-w-0 flex-1 gap-0.5">
                <p className="font-medium">
                  {device}
                  {current ? (
                    <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900">
                      This device
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  {signIn.ipAddress ? `${signIn.ipAddress} · ` : ''}Last active{' '}
                  {formatDateTime(signIn.updatedAt)}
                </p>
              </div>
              {current ? null : (
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={`Sign out ${device}, last active ${formatDateTime(signIn.updatedAt)}`}
                  pending={pending === signIn.token}
                  disabled={pending !== null}
                  onClick={() => onSignOut(signIn.token)}
                >
                  Sign out
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <Button
          variant="outline"
          className="justify-self-start"
          pending={pending === 'others'}
          disabled={pending !== null}
          onClick={onSignOutOthers}
        >
          Sign out everywhere else
        </Button>
      ) : (
        <p className="text-sm text-muted-foreground">You are signed in on this device only.</p>
      )}
    </div>
  );
}

/** The sign-ins of the signed-in account, live from better-auth. */
export function ActiveSignIns() {
  const queryClient = useQueryClient();
  const signIns = useQuery(signInsQuery);
  const revoke = useMutation({
    mutationFn: async (which: string) => {
      const authClient = await loadAuthClient();
      const { error } =
        which === 'others'
          ? await authClient.revokeOtherSessions()
          : await authClient.revokeSession({ token: which });
      if (error) throw new Error(authErrorMessage(error));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: signInsQuery.queryKey }),
  });
  if (signIns.isPending) return <LoadingState label="Loading your sign-ins…" />;
  if (signIns.isError) {
    return <ErrorState message="Your sign-ins could not be loaded." onRetry={() => void signIns.refetch()} />;
  }
  return (
    <SignInsList
      signIns={signIns.data.signIns}
      currentToken={signIns.data.currentToken}
      pending={revoke.isPending ? revoke.variables : null}
      failure={revoke.error ? revoke.error.message : null}
      onSignOut={(token) => revoke.mutate(token)}
      onSignOutOthers={() => revoke.mutate('others')}
    />
  );
}
