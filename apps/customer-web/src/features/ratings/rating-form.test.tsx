import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RatingForm, type RatingFormProps } from './rating-form.tsx';

const DAY = 86_400_000;

function renderForm(props: Partial<RatingFormProps> = {}) {
  const onRate = vi.fn();
  render(
    <RatingForm
      mechanicName="Sam Torque"
      rating={null}
      onRate={onRate}
      pending={false}
      failure={null}
      saved={false}
      now={Date.now()}
      {...props}
    />,
  );
  return { onRate, user: userEvent.setup() };
}

describe('RatingForm', () => {
  it('is a radio group of 1 to 5 stars and an optional comment', async () => {
    const { onRate, user } = renderForm();
    const group = screen.getByRole('radiogroup', { name: 'How was your session with Sam Torque?' });
    expect(group).toBeTruthy();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual([
      '1 star',
      '2 stars',
      '3 stars',
      '4 stars',
      '5 stars',
    ]);
    await user.click(screen.getByRole('radio', { name: '4 stars' }));
    await user.type(screen.getByRole('textbox', { name: /Comment/ }), ' Clear and quick. ');
    await user.click(screen.getByRole('button', { name: 'Save rating' }));
    expect(onRate).toHaveBeenCalledWith({ stars: 4, comment: 'Clear and quick.' });
  });

  it('asks for stars before it saves', async () => {
    const { onRate, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Save rating' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose from 1 to 5 stars.');
    expect(onRate).not.toHaveBeenCalled();
  });

  it('a given rating is changeable until its date, then only shown', () => {
    const rating = {
      stars: 3,
      comment: 'Fine.',
      createdAt: new Date(Date.now() - DAY),
      changeableUntil: new Date(Date.now() + 6 * DAY),
    };
    renderForm({ rating });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '3 stars' }).checked).toBe(true);
    expect(screen.getByText(/You can change your rating until/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change rating' })).toBeTruthy();
  });

  it('after 7 days the rating is shown, not changeable', () => {
    const rating = {
      stars: 5,
      comment: 'Great.',
      createdAt: new Date(Date.now() - 8 * DAY),
      changeableUntil: new Date(Date.now() - DAY),
    };
    renderForm({ rating });
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByRole('img', { name: '5 of 5 stars' })).toBeTruthy();
    expect(screen.getByText(/this one no longer can/)).toBeTruthy();
  });
});
