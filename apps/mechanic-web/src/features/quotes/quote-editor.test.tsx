import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { QuoteEditor } from './quote-editor.tsx';
import { emptyQuoteValues } from './quote-form.ts';

function apiError(data: Record<string, unknown>, message = 'refused') {
  return new TRPCClientError(message, { result: { error: { code: -32600, message, data } } });
}

function renderEditor(props: Partial<Parameters<typeof QuoteEditor>[0]> = {}) {
  const onSave = vi.fn(() => Promise.resolve());
  const onSaveAndSend = vi.fn(() => Promise.resolve());
  render(
    <QuoteEditor
      title="New quote"
      initial={emptyQuoteValues()}
      onSave={onSave}
      onSaveAndSend={onSaveAndSend}
      onCancel={() => undefined}
      {...props}
    />,
  );
  return { onSave, onSaveAndSend, user: userEvent.setup() };
}

async function fillLine(
  user: ReturnType<typeof userEvent.setup>,
  n: number,
  line: { kind?: string; description: string; quantity: string; price: string },
) {
  const group = screen.getByRole('group', { name: `Line ${n}` });
  if (line.kind) await user.selectOptions(within(group).getByLabelText(`Kind, line ${n}`), line.kind);
  if (line.description)
    await user.type(within(group).getByLabelText(`Description, line ${n}`), line.description);
  const quantity = within(group).getByLabelText(new RegExp(`^(Quantity|Hours), line ${n}$`));
  await user.clear(quantity);
  await user.type(quantity, line.quantity);
  await user.type(
    within(group).getByLabelText(new RegExp(`^(Unit price|Hourly rate) \\(\\$\\), line ${n}$`)),
    line.price,
  );
}

async function fillWorkshop(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Workshop name'), 'Main Street Garage');
  await user.type(screen.getByLabelText('Workshop address'), '1 Main Street');
}

describe('QuoteEditor', () => {
  it('previews the totals as lines are typed; labour asks for hours and an hourly rate', async () => {
    const { user } = renderEditor();
    await fillLine(user, 1, { description: 'Brake pads', quantity: '2', price: '45.50' });
    await user.click(screen.getByRole('button', { name: 'Add line' }));
    await fillLine(user, 2, { kind: 'labour', description: 'Fit pads', quantity: '1.5', price: '90' });
    expect(
      within(screen.getByRole('group', { name: 'Line 2' })).getByLabelText('Hours, line 2'),
    ).toBeTruthy();
    await user.clear(screen.getByLabelText('Tax rate (%)'));
    await user.type(screen.getByLabelText('Tax rate (%)'), '10');
    const sums = screen.getByRole('group', { name: 'Totals' });
    // 91.00 + 135.00 = 226.00, tax 22.60, total 248.60.
    expect(sums.textContent).toContain('Subtotal$226.00');
    expect(sums.textContent).toContain('Tax$22.60');
    expect(sums.textContent).toContain('Total$248.60');
    expect(screen.getByRole('group', { name: 'Line 1' }).textContent).toContain('Line total $100.10');
  });

  it('refuses to save what the API would refuse, saying so at each field, and sends nothing', async () => {
    const { user, onSave } = renderEditor();
    await fillLine(user, 1, { description: '', quantity: '0', price: 'ten' });
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSave).not.toHaveBeenCalled();
    const price = screen.getByLabelText('Unit price ($), line 1');
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Write an amount in dollars, e.g. 89.50')).toBeTruthy();
    expect(screen.getByLabelText('Description, line 1').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Quantity, line 1').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Workshop name').getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the draft in cents and thousandths; "Save and send" sends it', async () => {
    const { user, onSave, onSaveAndSend } = renderEditor();
    await fillLine(user, 1, { description: 'Brake pads', quantity: '2', price: '45.50' });
    await fillWorkshop(user);
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({
        currency: 'usd',
        taxRateBps: 0,
        workshopName: 'Main Street Garage',
        lines: [{ kind: 'part', description: 'Brake pads', quantityMilli: 2000, unitPriceCents: 4550 }],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save and send' }));
    expect(onSaveAndSend).toHaveBeenCalledTimes(1);
  });

  it('sends only a quote whose total is above zero (a draft may total nothing yet)', async () => {
    const { user, onSave, onSaveAndSend } = renderEditor();
    await fillLine(user, 1, { kind: 'discount', description: 'Goodwill', quantity: '1', price: '20' });
    await fillWorkshop(user);
    await user.click(screen.getByRole('button', { name: 'Save and send' }));
    expect(onSaveAndSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(
      'A quote is sent with a total above zero: check its lines',
    );
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it("shows the API's field errors at their fields", async () => {
    const onSave = vi.fn(() =>
      Promise.reject(
        apiError({
          code: 'BAD_REQUEST',
          zodIssues: [
            { path: ['quote', 'lines', 0, 'unitPriceCents'], message: 'Price is at most $100,000' },
          ],
        }),
      ),
    );
    const { user } = renderEditor({ onSave });
    await fillLine(user, 1, { description: 'Engine', quantity: '1', price: '99999' });
    await fillWorkshop(user);
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const price = screen.getByLabelText('Unit price ($), line 1');
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(price.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Price is at most $100,000',
    );
  });

  it('says in plain words why the API refused the quote', async () => {
    const onSaveAndSend = vi.fn(() =>
      Promise.reject(apiError({ code: 'CONFLICT', appCode: 'SESSION_NOT_QUOTABLE' }, 'Session not quotable')),
    );
    const { user } = renderEditor({ onSaveAndSend });
    await fillLine(user, 1, { description: 'Engine', quantity: '1', price: '10' });
    await fillWorkshop(user);
    await user.click(screen.getByRole('button', { name: 'Save and send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The quote was not saved');
    expect(alert.textContent).toContain('within 14 days after they end');
  });
});
