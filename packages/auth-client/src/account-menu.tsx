import { Button } from '@autodoctor/ui/button';
import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { toast } from '@autodoctor/ui/lib/toast';
import { authSessionQuery, loadAuthClient, type SignedInUser } from './auth-client.ts';

/** Who is signed in, and signing out (then `onSignedOut`, e.g. to the sign-in page). */
export function AccountMenu({
  user,
  onSignedOut,
}: {
  user: SignedInUser;
  onSignedOut: () => Promise<unknown>;
}) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    const authClient = await loadAuthClient();
    const { error } = await authClient.signOut();
    setPending(false);
    if (error) {
      toast.error('Could not sign out. Check your connection and try again.');
      return;
    }
    // Nothing of this account stays in memory for the next one; with nobody signed in, the screen
    // still shown asks for nothing more (onlyWhileSignedIn).
    queryClient.setQueryData(authSessionQuery.queryKey, null);
    await queryClient.cancelQueries();
    queryClient.clear();
    await onSignedOut();
  }
  return (
    <div className="flex items-center gap-2">
      <span className="hidden max-w-40 truncate text-sm text-muted-foreground sm:inline">{user.name}</span>
      <Button variant="ghost" size="sm" onClick={() => void signOut()} pending={pending}>
        <LogOut aria-hidden="true" />
        Sign out
      </Button>
    </div>
  );
}
