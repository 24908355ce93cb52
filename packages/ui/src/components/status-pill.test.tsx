import { SESSION_STATUSES } from '@autodoctor/session-core/rules';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATUS_PRESENTATION } from '../lib/session-status.ts';
import { StatusPill } from './status-pill.tsx';

describe('StatusPill', () => {
  it.each(SESSION_STATUSES)('shows the label of %s', (status) => {
    render(<StatusPill status={status} />);
    expect(screen.getByText(STATUS_PRESENTATION[status].label)).toBeTruthy();
  });

  it("uses the seed's colours: pending yellow, waiting blue, live green, scheduled purple", () => {
    expect(STATUS_PRESENTATION.pending.pill).toContain('yellow');
    expect(STATUS_PRESENTATION.waiting.pill).toContain('blue');
    expect(STATUS_PRESENTATION.live.pill).toContain('green');
    expect(STATUS_PRESENTATION.scheduled.pill).toContain('purple');
  });

  it('pulses for live sessions only, and only where motion is welcome', () => {
    const { container, rerender } = render(<StatusPill status="live" />);
    const pulse = container.querySelector('[data-pulse]');
    expect(pulse?.className).toContain('motion-safe:animate-ping');
    rerender(<StatusPill status="waiting" />);
    expect(container.querySelector('[data-pulse]')).toBeNull();
  });
});
