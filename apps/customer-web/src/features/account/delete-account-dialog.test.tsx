import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DeleteAccountDialog, type DeleteOutcome } from './delete-account-dialog.tsx';

function renderDialog(outcome: DeleteOutcome) {
  const onDelete = vi.fn((_password: string) => Promise.resolve(outcome));
  render(<DeleteAccountDialog onDelete={onDelete} />);
  return { onDelete, user: userEvent.setup() };
}

describe('DeleteAccountDialog', () => {
  it('says what is erased and kept, and asks for the password', async () => {
    const { onDelete, user } = renderDialog({ ok: true });
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account?' });
    expect(dialog.textContent).toContain('Your name, email address, password and every sign-in');
    expect(dialog.textContent).toContain('Your past sessions');
    expect(dialog.textContent).toContain('A session in progress is cancelled first');
    await user.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your password to confirm');
    expect(onDelete).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Your password'), 'my password');
    await user.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(onDelete).toHaveBeenCalledWith('my password');
  });

  it('shows a wrong password under the field and stays open', async () => {
    const { user } = renderDialog({ ok: false, wrongPassword: true, message: 'That password is wrong.' });
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    await user.type(await screen.findByLabelText('Your password'), 'not it');
    await user.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(screen.getByRole('alert').textContent).toBe('That password is wrong.');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
