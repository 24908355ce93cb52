import { QUOTE_STATUSES } from '@autodoctor/session-core/rules';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QUOTE_STATUS_PRESENTATION } from '../lib/quote-format.ts';
import { QuoteStatusPill } from './quote-status-pill.tsx';

describe('QuoteStatusPill', () => {
  it.each(QUOTE_STATUSES)('shows the mechanic the label and colours of %s', (status) => {
    render(<QuoteStatusPill status={status} reader="mechanic" />);
    const look = QUOTE_STATUS_PRESENTATION[status];
    const pill = screen.getByLabelText(`Status: ${look.label}`);
    expect(pill.textContent).toBe(look.label);
    expect(pill.className).toContain(look.pill);
  });

  it('tells the customer a sent version awaits their decision; the mechanic reads "Sent"', () => {
    const { rerender } = render(<QuoteStatusPill status="sent" reader="customer" />);
    expect(screen.getByLabelText('Status: Awaiting your decision').textContent).toBe(
      'Awaiting your decision',
    );
    rerender(<QuoteStatusPill status="sent" reader="mechanic" />);
    expect(screen.getByLabelText('Status: Sent').textContent).toBe('Sent');
  });

  it('uses the same words for both readers where the customer has none of their own', () => {
    for (const status of QUOTE_STATUSES.filter((each) => each !== 'sent')) {
      const { unmount } = render(<QuoteStatusPill status={status} reader="customer" />);
      expect(screen.getByText(QUOTE_STATUS_PRESENTATION[status].label)).toBeTruthy();
      unmount();
    }
  });
});
