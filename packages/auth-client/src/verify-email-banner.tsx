import { Button } from '@autodoctor/ui/button';
import { MailWarning } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountActions, type AccountActions } from './auth-actions.ts';
import { authSessionQuery } from './auth-client.ts';

/** The banner's words (the product's decision: an unverified customer may use everything). */
export const VERIFY_EMAIL_PROMPT = 'Confirm your email address to get receipts and session updates by email.';

/**
 * Shown until the signed-in person's address is verified: why it matters, and "Send the link again"
 * (what happened after, said in the banner, including better-auth's limit on resending).
 */
export function VerifyEmailBanner({
  email,
  sendVerificationEmail = accountActions.sendVerificationEmail,
}: {
  email: string;
  sendVerificationEmail?: AccountActions['sendVerificationEmail'];
}) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  async function sendAgain() {
    setPending(true);
    setOutcome(null);
    const result = await sendVerificationEmail(email);
    setPending(false);
    setOutcome(
      result.error
        ? { ok: false, text: result.error }
        : { ok: true, text: `We sent a new link to ${email}. It may take a minute to arrive.` },
    );
  }
  return (
    <section
      aria-label="Confirm your email address"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-950"
    >
      <MailWarning className="size-4 shrink-0" aria-hidden="true" />
      <p className="min-w-0 flex-1">{VERIFY_EMAIL_PROMPT}</p>
      <Button variant="outline" size="sm" pending={pending} onClick={() => void sendAgain()}>
        Send the link again
      </Button>
      <p role={outcome && !outcome.ok ? 'alert' : 'status'} className="basis-full empty:hidden">
        {outcome?.text}
      </p>
    </section>
  );
}

/** The banner while the signed-in person's address is unverified (read live: it goes once verified). */
export function UnverifiedEmailBanner() {
  const { data: user } = useQuery(authSessionQuery);
  return user && !user.emailVerified ? <VerifyEmailBanner email={user.email} /> : null;
}
