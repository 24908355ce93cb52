import { AccountPageFrame } from '@autodoctor/app-shell/account-nav';
import { NotificationPreferences } from '@autodoctor/app-shell/notification-preferences';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import { ACCOUNT_LINKS } from './account-links.ts';

/** The operator's email choices (the unsubscribe link of an email leads here too). */
export function NotificationsPage() {
  const trpc = useTRPC();
  const preferences = useQuery(trpc.account.notificationPreferences.queryOptions());
  // What it changes is refetched by the query client (CHANGE_EFFECTS).
  const change = useMutation(trpc.account.setNotificationPreference.mutationOptions());
  return (
    <AccountPageFrame title="Notifications" links={ACCOUNT_LINKS}>
      <NotificationPreferences
        alwaysSent={['reset_password', 'change_email', 'verify_email']}
        preferences={preferences}
        change={change}
      />
    </AccountPageFrame>
  );
}
