import { AccountPageFrame } from '@autodoctor/app-shell/account-nav';
import { NotificationPreferences } from '@autodoctor/app-shell/notification-preferences';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ACCOUNT_LINKS } from './account-links.ts';
import { useTRPC } from '../../app/trpc.ts';

export function NotificationsPage() {
  const trpc = useTRPC();
  const preferences = useQuery(trpc.account.notificationPreferences.queryOptions());
  // What it changes is refetched by the query client (CHANGE_EFFECTS).
  const change = useMutation(trpc.account.setNotificationPreference.mutationOptions());
  return (
    <AccountPageFrame title="Notifications" links={ACCOUNT_LINKS}>
      <section aria-labelledby="email-preferences" className="grid gap-3">
        <h2 id="email-preferences" className="text-lg font-semibold">
          Email
        </h2>
        <NotificationPreferences
          alwaysSent={['reset_password', 'change_email', 'verify_email']}
          preferences={preferences}
          change={change}
        />
      </section>
    </AccountPageFrame>
  );
}
