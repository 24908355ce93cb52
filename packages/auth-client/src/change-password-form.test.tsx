import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from './auth-actions.ts';
import { ChangePasswordForm } from './change-password-form.tsx';

function renderForm(result: ActionResult = { error: null }) {
  const changePassword = vi.fn(
    (_input: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) =>
      Promise.resolve(result),
  );
  const onChanged = vi.fn();
  render(<ChangePasswordForm changePassword={changePassword} onChanged={onChanged} />);
  return { changePassword, onChanged, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Current password'), 'the old password');
  await user.type(screen.getByLabelText('New password'), 'a long new password');
  await user.type(screen.getByLabelText('New password again'), 'a long new password');
}

describe('ChangePasswordForm', () => {
  it('signs the other devices out unless told not to', async () => {
    const { changePassword, onChanged, user } = renderForm();
    const checkbox = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Sign out my other devices' });
    expect(checkbox.checked).toBe(true);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(changePassword).toHaveBeenCalledWith({
      currentPassword: 'the old password',
      newPassword: 'a long new password',
      revokeOtherSessions: true,
    });
    expect(onChanged).toHaveBeenCalledWith(true);
    expect(screen.getByRole('status').textContent).toBe(
      'Your password is changed, and your other devices are signed out.',
    );
  });

  it('keeps them signed in when unchecked', async () => {
    const { changePassword, user } = renderForm();
    await user.click(screen.getByRole('checkbox', { name: 'Sign out my other devices' }));
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(changePassword).toHaveBeenCalledWith(expect.objectContaining({ revokeOtherSessions: false }));
  });

  it('says a wrong current password under its field', async () => {
    const { onChanged, user } = renderForm({
      error: 'Your current password is wrong.',
      code: 'INVALID_PASSWORD',
    });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Your current password is wrong.');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('checks the fields first', async () => {
    const { changePassword, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByText('Enter your current password')).toBeTruthy();
    expect(changePassword).not.toHaveBeenCalled();
  });
});
