import { isOptionalMailKind, MAIL_KINDS, type OptionalMailKind } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Button } from '@autodoctor/ui/button';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { TEXT_LINK_CLASS } from './forgot-password-page.tsx';
import { parseUnsubscribeSearch } from './lib/account-search.ts';

/** A token the API refused (cut short, altered, or of an account since deleted): 400 or 404. */
class BadUnsubscribeLink extends Error {}

/** What the API said when it refused otherwise (its 429 says when to try again). */
async function refusal(response: Response): Promise<Error> {
  if (response.status === 400 || response.status === 404) return new BadUnsubscribeLink();
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return new Error(
    typeof body?.message === 'string'
      ? body.message
      : 'Could not reach AutoDoctor. Check your connection and try again.',
  );
}

function unsubscribeUrl(token: string): string {
  return `/api/unsubscribe?${new URLSearchParams({ token }).toString()}`;
}

interface UnsubscribeLink {
  kind: OptionalMailKind;
  /** The address it was sent to, masked by the API (a***@example.com). */
  email: string;
}

/** What the link would turn off (GET: changes nothing). */
async function readUnsubscribeLink(token: string): Promise<UnsubscribeLink> {
  const response = await fetch(unsubscribeUrl(token), { headers: { accept: 'application/json' } });
  if (!response.ok) throw await refusal(response);
  const body = (await response.json()) as { kind?: unknown; email?: unknown };
  if (typeof body.kind !== 'string' || !isOptionalMailKind(body.kind)) throw new BadUnsubscribeLink();
  return { kind: body.kind, email: typeof body.email === 'string' ? body.email : '' };
}

/** Turns it off: the same endpoint mail clients' one-click unsubscribe posts to (RFC 8058). */
async function unsubscribe(token: string): Promise<void> {
  const response = await fetch(unsubscribeUrl(token), { method: 'POST' });
  if (!response.ok) throw await refusal(response);
}

/**
 * The page an optional email's "Unsubscribe" link opens, signed in or not: which email it turns off,
 * and a button (a GET never changes anything: mail scanners follow links); then done, with the
 * way to every preference.
 */
export function UnsubscribePage() {
  const { token } = parseUnsubscribeSearch(useSearch({ strict: false }));
  const link = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: () => readUnsubscribeLink(token ?? ''),
    enabled: Boolean(token),
    retry: (failures, error) => !(error instanceof BadUnsubscribeLink) && failures < 2,
  });
  const turnOff = useMutation({ mutationFn: () => unsubscribe(token ?? '') });
  const preferencesLink = (
    <Link to="/account/notifications" className={TEXT_LINK_CLASS}>
      All your email preferences
    </Link>
  );

  if (!token || link.error instanceof BadUnsubscribeLink || turnOff.error instanceof BadUnsubscribeLink) {
    return (
      <AuthLayout
        title="This unsubscribe link does not work"
        description="It may be incomplete: open it again from the email, or choose your emails in your account."
        footer={preferencesLink}
      >
        <Alert>Nothing was changed.</Alert>
      </AuthLayout>
    );
  }
  if (link.isPending) {
    return (
      <AuthLayout title="Unsubscribe" description="One moment…" footer={null}>
        <LoadingState label="Reading your link…" />
      </AuthLayout>
    );
  }
  if (link.isError) {
    return (
      <AuthLayout title="Unsubscribe" description="Your link could not be read." footer={preferencesLink}>
        <Alert>{link.error.message}</Alert>
        <Button variant="outline" className="mt-4 w-full" onClick={() => void link.refetch()}>
          Try again
        </Button>
      </AuthLayout>
    );
  }
  const label = MAIL_KINDS[link.data.kind].label;
  if (turnOff.isSuccess) {
    return (
      <AuthLayout
        title="You are unsubscribed"
        description={`We will not send you “${label}” emails any more.`}
        footer={null}
      >
        <div className="grid gap-3 text-sm">
          <Alert tone="success">Turned off: {label}.</Alert>
          <p>Changed your mind, or want to turn off other emails? {preferencesLink}.</p>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title="Unsubscribe"
      description="Stop this kind of email. Security emails and receipts are still sent."
      footer={preferencesLink}
    >
      <div className="grid gap-4">
        <p>
          Turn off: <strong>{label}</strong>
        </p>
        {/* Masked by the API: whoever holds the link learns no more than the person it was sent to. */}
        {link.data.email ? (
          <p className="text-sm text-muted-foreground">For emails to {link.data.email}</p>
        ) : null}
        {turnOff.isError ? (
          <Alert>Could not reach AutoDoctor. Check your connection and try again.</Alert>
        ) : null}
        <Button className="w-full" pending={turnOff.isPending} onClick={() => turnOff.mutate()}>
          Unsubscribe
        </Button>
      </div>
    </AuthLayout>
  );
}
