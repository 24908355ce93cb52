import { AccountPageFrame } from '@autodoctor/app-shell/account-nav';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { authSessionQuery, ENDS_SIGN_IN_META } from '@autodoctor/auth-client/auth-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';
import { ACCOUNT_LINKS } from './account-links.ts';
import { DeleteAccountDialog, type DeleteOutcome } from './delete-account-dialog.tsx';
import { DownloadData } from './download-data.tsx';

/** Account → Your data: download everything we hold about you, or delete the account. */
export function DataPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Ends every sign-in: the screen asks for nothing until it is settled (onlyWhileSignedIn).
  const deleteAccount = useMutation(trpc.account.deleteAccount.mutationOptions({ meta: ENDS_SIGN_IN_META }));

  async function onDelete(password: string): Promise<DeleteOutcome> {
    try {
      await deleteAccount.mutateAsync({ password });
    } catch (error) {
      const info = apiErrorInfo(error);
      return { ok: false, wrongPassword: info.appCode === 'INVALID_PASSWORD', message: info.message };
    }
    // The API has ended every sign-in: nothing of this account stays in memory.
    queryClient.setQueryData(authSessionQuery.queryKey, null);
    await queryClient.cancelQueries();
    queryClient.clear();
    await navigate({ to: '/goodbye' });
    return { ok: true };
  }

  return (
    <AccountPageFrame title="Your data" links={ACCOUNT_LINKS}>
      <section aria-labelledby="download-data" className="grid gap-3">
        <h2 id="download-data" className="text-lg font-semibold">
          Download your data
        </h2>
        <p className="text-sm text-muted-foreground">
          A zip with everything we hold about you: your account, sessions, messages, ratings, credits and
          payments as JSON, and your photos.
        </p>
        <DownloadData />
      </section>
      <section aria-labelledby="delete-account" className="mt-8 grid gap-3">
        <h2 id="delete-account" className="text-lg font-semibold">
          Delete your account
        </h2>
        <p className="text-sm text-muted-foreground">
          Your personal data is erased and you are signed out everywhere. This cannot be undone.
        </p>
        <DeleteAccountDialog onDelete={onDelete} />
      </section>
    </AccountPageFrame>
  );
}
