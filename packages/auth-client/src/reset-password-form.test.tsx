import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from './auth-actions.ts';
import { ResetPasswordForm } from './reset-password-form.tsx';

function renderForm(result: ActionResult = { error: null }) {
  const resetPassword = vi.fn((_token: string, _password: string) => Promise.resolve(result));
  const onDone = vi.fn();
  const onInvalidLink = vi.fn();
  render(
    <ResetPasswordForm
      token="the-token"
      onDone={onDone}
      onInvalidLink={onInvalidLink}
      resetPassword={resetPassword}
    />,
  );
  return { resetPassword, onDone, onInvalidLink, user: userEvent.setup() };
}

describe('ResetPasswordForm', () => {
  it('holds the new password to the sign-up rules (ACCOUNT_LIMITS)', async () => {
    const { resetPassword, user } = renderForm();
    expect(screen.getByText('8 to 128 characters.')).toBeTruthy();
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('New password again'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByRole('alert').textContent).toBe('Password must be at least 8 characters');
    expect(resetPassword).not.toHaveBeenCalled();
  });

  it('asks for the same password twice', async () => {
    const { resetPassword, user } = renderForm();
    await user.type(screen.getByLabelText('New password'), 'a long new password');
    await user.type(screen.getByLabelText('New password again'), 'a long new passwort');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are not the same');
    expect(resetPassword).not.toHaveBeenCalled();
  });

  it('sets it with the link’s token', async () => {
    const { resetPassword, onDone, onInvalidLink, user } = renderForm();
    await user.type(screen.getByLabelText('New password'), 'a long new password');
    await user.type(screen.getByLabelText('New password again'), 'a long new password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(resetPassword).toHaveBeenCalledWith('the-token', 'a long new password');
    expect(onDone).toHaveBeenCalledOnce();
    expect(onInvalidLink).not.toHaveBeenCalled();
  });

  it.each(['INVALID_TOKEN', 'TOKEN_EXPIRED'])(
    'a refused link (%s) is an invalid link, not done',
    async (code) => {
      const { onDone, onInvalidLink, user } = renderForm({
        error: 'This link has expired or was already used.',
        code,
      });
      await user.type(screen.getByLabelText('New password'), 'a long new password');
      await user.type(screen.getByLabelText('New password again'), 'a long new password');
      await user.click(screen.getByRole('button', { name: 'Set new password' }));
      expect(onInvalidLink).toHaveBeenCalledOnce();
      expect(onDone).not.toHaveBeenCalled();
    },
  );
});
