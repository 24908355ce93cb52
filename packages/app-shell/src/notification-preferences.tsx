import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import {
  MAIL_KINDS,
  type MailKind,
  type OptionalMailKind,
  type PushKind,
} from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { Switch } from '@autodoctor/ui/switch';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useId } from 'react';

/** One switch, as `account.setNotificationPreference` takes it. */
export type NotificationSwitch =
  | { channel: 'email'; kind: MailKind; enabled: boolean }
  | { channel: 'push'; kind: PushKind; enabled: boolean };

/** What `account.notificationPreferences` answers: the caller's role's optional emails. */
export interface NotificationPreferencesData {
  email: { kind: OptionalMailKind; enabled: boolean }[];
}

export interface NotificationPreferencesProps<TData> {
  preferences: UseQueryResult<NotificationPreferencesData, unknown>;
  change: UseMutationResult<TData, unknown, NotificationSwitch>;
  /** The security emails and receipts this app's people get whatever they choose (listed, explained). */
  alwaysSent: readonly MailKind[];
}

/**
 * Account → Notifications, email: a switch per optional kind the API lists for the caller, and what
 * is always sent, and why (session-core's MAIL_KINDS labels and categories).
 */
export function NotificationPreferences<TData>({
  preferences,
  change,
  alwaysSent,
}: NotificationPreferencesProps<TData>) {
  const id = useId();
  if (preferences.isPending) return <LoadingState label="Loading your email preferences…" />;
  if (preferences.isError) {
    return (
      <ErrorState
        message="Your email preferences could not be loaded."
        onRetry={() => void preferences.refetch()}
      />
    );
  }
  // The switch being changed shows its new position until the preferences are read again.
  const changing = change.isPending || preferences.isFetching ? change.variables : undefined;
  return (
    <div className="grid gap-6">
      {change.isError ? <Alert>{apiErrorInfo(change.error).message}</Alert> : null}
      <ul aria-label="Emails you can turn off" className="grid divide-y rounded-md border">
        {preferences.data.email.map(({ kind, enabled }) => (
          <li key={kind} className="flex items-center justify-between gap-4 p-3">
            <label htmlFor={`${id}-${kind}`} className="text-sm font-medium">
              {MAIL_KINDS[kind].label}
            </label>
            <Switch
              id={`${id}-${kind}`}
              checked={changing?.channel === 'email' && changing.kind === kind ? changing.enabled : enabled}
              disabled={change.isPending}
              onCheckedChange={(next) => change.mutate({ channel: 'email', kind, enabled: next })}
            />
          </li>
        ))}
      </ul>
      <div className="grid gap-2">
        <h3 className="text-sm font-semibold">Always sent</h3>
        <p className="text-sm text-muted-foreground">
          These cannot be turned off: security emails keep your account yours, and receipts are your proof of
          a payment or a refund. Updates and receipts go only to a confirmed email address.
        </p>
        <ul aria-label="Emails always sent" className="grid gap-1 text-sm">
          {alwaysSent.map((kind) => (
            <li key={kind} className="flex items-center gap-2">
              <Check className="size-4 text-green-700" aria-hidden="true" />
              {MAIL_KINDS[kind].label}
              <span className="text-muted-foreground">
                ({MAIL_KINDS[kind].category === 'receipt' ? 'receipt' : 'security'})
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
