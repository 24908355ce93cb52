import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QueueList } from './queue-list.tsx';
import type { QueueItem } from './queue-model.ts';

const LONG = `${'The engine stalls at traffic lights. '.repeat(5)}\nIt started after a battery change.`;

function entry(id: string, model: string, concern = 'Squeaky brakes'): QueueItem {
  return {
    assignmentId: id,
    sessionId: `s-${id}`,
    sessionType: 'free',
    vehicle: { year: 2017, make: 'Honda', model, vin: null },
    concern,
    queuedAt: new Date(Date.now() - 90_000),
    waitingSeconds: 90,
  };
}

function renderList(props: Partial<Parameters<typeof QueueList>[0]> = {}) {
  const onAccept = vi.fn();
  const entries = [entry('a', 'Civic', LONG), entry('b', 'Accord'), entry('c', 'Jazz')];
  render(
    <QueueList
      entries={entries}
      clockOffsetMs={0}
      onAccept={onAccept}
      acceptingId={null}
      acceptBlocked={false}
      focusRequest={0}
      {...props}
    />,
  );
  return { onAccept, entries };
}

describe('QueueList', () => {
  it('is one tab stop; arrows and J/K move between sessions, Home and End jump', async () => {
    const user = userEvent.setup();
    renderList();
    const [civic, accord, jazz] = screen.getAllByRole('article');
    await user.tab();
    expect(document.activeElement).toBe(civic);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(accord);
    await user.keyboard('j');
    expect(document.activeElement).toBe(jazz);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(jazz);
    await user.keyboard('k');
    expect(document.activeElement).toBe(accord);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(civic);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(jazz);
    // Only the session the keyboard is on takes Tab.
    expect(screen.getAllByRole('article').map((article) => article.tabIndex)).toEqual([-1, -1, 0]);
  });

  it('opens a long concern with Enter, and accepts with A', async () => {
    const user = userEvent.setup();
    const { onAccept, entries } = renderList();
    await user.tab();
    const toggle = screen.getByRole('button', { name: 'Show full concern' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}a');
    expect(onAccept).toHaveBeenCalledWith(entries[1]);
  });

  it('shows the waiting time and the type; Accept and A do nothing while accepting is blocked', async () => {
    const user = userEvent.setup();
    const { onAccept } = renderList({ acceptBlocked: true });
    expect(screen.getAllByText(/Free session · waiting/)).toHaveLength(3);
    expect(screen.getAllByText('1 min')).toHaveLength(3);
    const accept = screen.getByRole<HTMLButtonElement>('button', { name: 'Accept 2017 Honda Civic' });
    expect(accept.disabled).toBe(true);
    await user.tab();
    await user.keyboard('a');
    expect(onAccept).not.toHaveBeenCalled();
  });
});
