import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from './auth-actions.ts';
import { authErrorMessage } from './auth-client.ts';
import { VerifyEmailBanner } from './verify-email-banner.tsx';

function renderBanner(result: ActionResult) {
  const sendVerificationEmail = vi.fn((_email: string) => Promise.resolve(result));
  render(<VerifyEmailBanner email="casey@example.com" sendVerificationEmail={sendVerificationEmail} />);
  return { sendVerificationEmail, user: userEvent.setup() };
}

describe('VerifyEmailBanner', () => {
  it('says why to confirm, and sends the link again with feedback', async () => {
    const { sendVerificationEmail, user } = renderBanner({ error: null });
    const banner = screen.getByRole('region', { name: 'Confirm your email address' });
    expect(banner.textContent).toContain(
      'Confirm your email address to get receipts and session updates by email.',
    );
    await user.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(sendVerificationEmail).toHaveBeenCalledWith('casey@example.com');
    expect(screen.getByRole('status').textContent).toBe(
      'We sent a new link to casey@example.com. It may take a minute to arrive.',
    );
  });

  it('says when better-auth limits the resending (429)', async () => {
    const { user } = renderBanner({ error: authErrorMessage({ status: 429 }) });
    await user.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Too many tries in a short time. Wait a few minutes, then try again.',
    );
  });
});
