import { AccountPageFrame } from '@autodoctor/app-shell/account-nav';
import { NotificationPreferences } from '@autodoctor/app-shell/notification-preferences';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ACCOUNT_LINKS } from './account-links.ts';
import { useTRPC } from '../../app/trpc.ts';
import { PushSettings } from '../push/push-settings.tsx';

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
      {/* The same switches as on the queue page, where a mechanic first meets them. */}
      <section aria-labelledby="push-preferences" className="mt-8 grid gap-3">
        <h2 id="push-preferences" className="text-lg font-semibold">
          Push notifications
        </h2>
        <PushSettings />
      </section>
    </AccountPageFrame>
  );
}
