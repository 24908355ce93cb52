import { MAIL_KINDS, type MailKind, type OptionalMailKind } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { Switch } from '@autodoctor/ui/switch';
import { Check } from 'lucide-react';
import { useId } from 'react';

export interface NotificationPreferencesProps {
  /** The optional kinds this app's people receive, in order. */
  kinds: readonly OptionalMailKind[];
  /** The security emails and receipts they get whatever they choose (listed, explained). */
  alwaysSent: readonly MailKind[];
  /** Whether each kind is on; undefined while loading. */
  preferences: Partial<Record<OptionalMailKind, boolean>> | undefined;
  loadFailed: boolean;
  onRetry: () => void;
  /** The kind being switched, with its new value, until the API has answered. */
  pending: { kind: OptionalMailKind; enabled: boolean } | null;
  failure: string | null;
  onChange: (kind: OptionalMailKind, enabled: boolean) => void;
}

/** Account → Notifications: a switch per optional email, and what is always sent, and why. */
export function NotificationPreferences({
  kinds,
  alwaysSent,
  preferences,
  loadFailed,
  onRetry,
  pending,
  failure,
  onChange,
}: NotificationPreferencesProps) {
  const id = useId();
  if (loadFailed)
    return <ErrorState message="Your email preferences could not be loaded." onRetry={onRetry} />;
  if (!preferences) return <LoadingState label="Loading your email preferences…" />;
  return (
    <div className="grid gap-6">
      {failure ? <Alert>{failure}</Alert> : null}
      <ul aria-label="Emails you can turn off" className="grid divide-y rounded-md border">
        {kinds.map((kind) => {
          const checked = pending?.kind === kind ? pending.enabled : (preferences[kind] ?? true);
          return (
            <li key={kind} className="flex items-center justify-between gap-4 p-3">
              <label htmlFor={`${id}-${kind}`} className="text-sm font-medium">
                {MAIL_KINDS[kind].label}
              </label>
              <Switch
                id={`${id}-${kind}`}
                checked={checked}
                disabled={pending !== null}
                onCheckedChange={(enabled) => onChange(kind, enabled)}
              />
            </li>
          );
        })}
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
