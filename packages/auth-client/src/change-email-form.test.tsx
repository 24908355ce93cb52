import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChangeEmailForm } from './change-email-form.tsx';

function renderForm() {
  const changeEmail = vi.fn((_email: string) => Promise.resolve({ error: null }));
  render(<ChangeEmailForm currentEmail="old@example.com" changeEmail={changeEmail} />);
  return { changeEmail, user: userEvent.setup() };
}

describe('ChangeEmailForm', () => {
  it('sends the link to the new address, which changes only when it is opened', async () => {
    const { changeEmail, user } = renderForm();
    await user.type(screen.getByLabelText('New email address'), 'new@example.com');
    await user.click(screen.getByRole('button', { name: 'Change email' }));
    expect(changeEmail).toHaveBeenCalledWith('new@example.com');
    expect(screen.getByRole('status').textContent).toContain(
      'We sent a link to new@example.com; your address changes when you open it.',
    );
  });

  it('refuses the current address and a malformed one', async () => {
    const { changeEmail, user } = renderForm();
    await user.type(screen.getByLabelText('New email address'), 'OLD@example.com');
    await user.click(screen.getByRole('button', { name: 'Change email' }));
    expect(screen.getByRole('alert').textContent).toBe('That is already your email address');
    await user.clear(screen.getByLabelText('New email address'));
    await user.type(screen.getByLabelText('New email address'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Change email' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid email address');
    expect(changeEmail).not.toHaveBeenCalled();
  });
});
