import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from './auth-actions.ts';
import { ForgotPasswordForm, RESET_LINK_SENT } from './forgot-password-form.tsx';

function renderForm(result: ActionResult = { error: null }) {
  const requestPasswordReset = vi.fn((_email: string) => Promise.resolve(result));
  render(<ForgotPasswordForm requestPasswordReset={requestPasswordReset} />);
  return { requestPasswordReset, user: userEvent.setup() };
}

describe('ForgotPasswordForm', () => {
  it('asks for a valid address before it sends anything', async () => {
    const { requestPasswordReset, user } = renderForm();
    await user.type(screen.getByLabelText('Email'), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid email address');
    expect(requestPasswordReset).not.toHaveBeenCalled();
  });

  it('says the same words whatever the address, once sent', async () => {
    const { requestPasswordReset, user } = renderForm();
    await user.type(screen.getByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(requestPasswordReset).toHaveBeenCalledWith('someone@example.com');
    expect(screen.getByRole('status').textContent).toContain(RESET_LINK_SENT);
    expect(RESET_LINK_SENT).toBe(
      'If an account exists for that address, we sent a link to choose a new password.',
    );
  });

  it('shows a refusal (too many tries) and keeps the form', async () => {
    const { user } = renderForm({
      error: 'Too many tries in a short time. Wait a few minutes, then try again.',
    });
    await user.type(screen.getByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(screen.getByRole('alert').textContent).toContain('Too many tries');
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });
});
