import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { QuoteDecisionForm } from './quote-decision-form.tsx';
import { sentQuote } from './quote-fixture.ts';

function renderForm(props: Partial<Parameters<typeof QuoteDecisionForm>[0]> = {}) {
  const onDecide = vi.fn();
  render(
    <QuoteDecisionForm quote={sentQuote()} onDecide={onDecide} pending={false} failure={null} {...props} />,
  );
  return { onDecide, user: userEvent.setup() };
}

const choose = (user: ReturnType<typeof userEvent.setup>, line: string, option: 'Approve' | 'Decline') =>
  user.click(within(screen.getByRole('radiogroup', { name: line })).getByRole('radio', { name: option }));

describe('QuoteDecisionForm', () => {
  it('adds up the approved lines as the customer chooses, and sends every line with the typed name', async () => {
    const { onDecide, user } = renderForm();
    const total = screen.getByText(/^Approved total:/, { selector: 'p' });
    expect(total.textContent).toBe(`Approved total: ${formatMoney(0)} (0 of 3 lines approved)`);

    await choose(user, 'Front brake pads', 'Approve');
    expect(total.textContent).toBe(`Approved total: ${formatMoney(9900)} (1 of 3 lines approved)`);
    await choose(user, 'Fit the pads', 'Approve');
    await choose(user, 'Disposal fee', 'Decline');
    expect(total.textContent).toBe(`Approved total: ${formatMoney(24_750)} (2 of 3 lines approved)`);

    await user.type(
      screen.getByRole('textbox', { name: 'Your full name, as your signature' }),
      '  Alex Driver ',
    );
    await user.click(screen.getByRole('button', { name: 'Sign and approve 2 of 3 lines' }));
    expect(onDecide).toHaveBeenCalledWith({
      quoteId: 'q1',
      decisions: [
        { lineId: 'l1', approved: true },
        { lineId: 'l2', approved: true },
        { lineId: 'l3', approved: false },
      ],
      signatureName: 'Alex Driver',
    });
  });

  it('says plainly that approving is a commitment at the workshop, not a payment', () => {
    renderForm();
    const notice = screen.getByText(/An approved quote is a commitment/);
    expect(notice.textContent).toContain('Torque & Sons Garage');
    expect(notice.textContent).toContain('It is not a payment');
  });

  it('sends nothing until every line is chosen and a name is typed', async () => {
    const { onDecide, user } = renderForm();
    await choose(user, 'Front brake pads', 'Approve');
    await user.click(screen.getByRole('button', { name: 'Sign and approve 1 of 3 lines' }));
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual([
      'Choose Approve or Decline for every line (2 left).',
      'Type your full name to sign',
    ]);
    expect(onDecide).not.toHaveBeenCalled();
  });

  it('declining every line declines the quote', async () => {
    const { onDecide, user } = renderForm();
    for (const line of ['Front brake pads', 'Fit the pads', 'Disposal fee'])
      await choose(user, line, 'Decline');
    await user.type(
      screen.getByRole('textbox', { name: 'Your full name, as your signature' }),
      'Alex Driver',
    );
    await user.click(screen.getByRole('button', { name: 'Decline the quote' }));
    expect(onDecide).toHaveBeenCalledWith({
      quoteId: 'q1',
      decisions: ['l1', 'l2', 'l3'].map((lineId) => ({ lineId, approved: false })),
      signatureName: 'Alex Driver',
    });
  });

  it.each([
    ['QUOTE_EXPIRED', 'This quote has expired'],
    ['QUOTE_CLOSED', 'This quote is no longer open'],
    ['QUOTE_LINES_MISMATCH', 'The quote’s lines changed'],
    ['QUOTE_NOT_FOUND', 'This quote is not available'],
  ])('says what a refusal %s means', (appCode, title) => {
    const error = new TRPCClientError('refused', {
      result: { error: { code: -32603, message: 'refused', data: { code: 'CONFLICT', appCode } } },
    });
    renderForm({ failure: apiErrorInfo(error) });
    expect(screen.getByRole('alert').textContent).toContain(title);
  });
});
