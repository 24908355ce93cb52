import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignInsList, type SignIn, type SignInsListProps } from './sign-ins.tsx';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

const here: SignIn = {
  token: 'here',
  userAgent: CHROME_WINDOWS,
  ipAddress: '203.0.113.7',
  updatedAt: new Date('2026-12-07T08:00:00Z'),
  createdAt: new Date('2026-12-01T08:00:00Z'),
};
const phone: SignIn = {
  token: 'phone',
  userAgent: SAFARI_IPHONE,
  ipAddress: '198.51.100.4',
  updatedAt: new Date('2026-12-06T08:00:00Z'),
  createdAt: new Date('2026-12-02T08:00:00Z'),
};

function renderList(props: Partial<SignInsListProps> = {}) {
  const onSignOut = vi.fn();
  const onSignOutOthers = vi.fn();
  render(
    <SignInsList
      signIns={[here, phone]}
      currentToken="here"
      pending={null}
      failure={null}
      onSignOut={onSignOut}
      onSignOutOthers={onSignOutOthers}
      {...props}
    />,
  );
  return { onSignOut, onSignOutOthers, user: userEvent.setup() };
}

describe('SignInsList', () => {
  it('names each device from its user agent, its address, and marks this one', () => {
    renderList();
    const rows = within(screen.getByRole('list', { name: 'Active sign-ins' })).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Chrome on Windows');
    expect(rows[0]?.textContent).toContain('This device');
    expect(rows[0]?.textContent).toContain('203.0.113.7');
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(rows[1]?.textContent).toContain('Safari on iOS');
    expect(rows[1]?.textContent).not.toContain('This device');
  });

  it('signs out one other device, or every other', async () => {
    const { onSignOut, onSignOutOthers, user } = renderList();
    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iOS/ }));
    expect(onSignOut).toHaveBeenCalledWith('phone');
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(onSignOutOthers).toHaveBeenCalledOnce();
  });

  it('says when this is the only sign-in', () => {
    renderList({ signIns: [here] });
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull();
    expect(screen.getByText('You are signed in on this device only.')).toBeTruthy();
  });
});
