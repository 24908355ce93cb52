import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActiveSessionBanner, type BannerSession } from './active-session-banner.tsx';

const session: BannerSession = {
  id: 's1',
  type: 'credit',
  status: 'pending',
  title: '2017 Honda Civic',
  accepted: false,
};
const returnLink = (content: React.ReactNode) => <a href="/sessions/s1">{content}</a>;

describe('ActiveSessionBanner', () => {
  it('is hidden when there is no active session', () => {
    const { container } = render(
      <ActiveSessionBanner viewer="customer" session={null} returnLink={returnLink} />,
    );
    expect(container.innerHTML).toBe('');
  });

  it('shows the type, the status and a way back to the session', () => {
    render(<ActiveSessionBanner viewer="mechanic" session={session} returnLink={returnLink} />);
    const banner = screen.getByRole('region', { name: 'Active session' });
    expect(within(banner).getByText('Credit session')).toBeTruthy();
    expect(within(banner).getByRole('status', { name: 'Status: pending' })).toBeTruthy();
    expect(within(banner).getByRole('link', { name: 'Return to Session' }).getAttribute('href')).toBe(
      '/sessions/s1',
    );
    // Mechanics end sessions on the session page, not from the banner.
    expect(within(banner).queryByRole('button')).toBeNull();
  });

  it('lets a customer cancel a session that is not live yet, after confirming, and says what comes back', async () => {
    const onEnd = vi.fn(() => Promise.resolve());
    render(
      <ActiveSessionBanner
        viewer="customer"
        session={session}
        returnLink={returnLink}
        onEndSession={onEnd}
      />,
    );
    expect(screen.getByText(/Not started yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel Session' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this session?' });
    expect(within(dialog).getByText(/your credit is returned/)).toBeTruthy();
    expect(onEnd).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel Session' }));
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('lets a customer end a live session; keeping it changes nothing', async () => {
    const onEnd = vi.fn(() => Promise.resolve());
    render(
      <ActiveSessionBanner
        viewer="customer"
        session={{ ...session, status: 'live', accepted: true }}
        returnLink={returnLink}
        onEndSession={onEnd}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'End Session' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keep it' }));
    expect(onEnd).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // Focus is back on the button that opened it.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End Session' }));
  });
});
