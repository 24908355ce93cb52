import { SESSION_PRICES, type SessionType } from '@autodoctor/session-core/rules';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { cn } from '@autodoctor/ui/lib/cn';
import { Link } from '@tanstack/react-router';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface PaymentChoiceProps {
  register: UseFormRegisterReturn<'type'>;
  selected: SessionType | undefined;
  freeSessionAvailable: boolean;
  credits: number;
  error?: string | undefined;
}

/** The three ways to pay, as radio cards, each saying whether it can be used now. */
export function PaymentChoice({
  register,
  selected,
  freeSessionAvailable,
  credits,
  error,
}: PaymentChoiceProps) {
  const options: { type: SessionType; title: string; detail: React.ReactNode; disabled: boolean }[] = [
    {
      type: 'free',
      title: 'Free session',
      detail: freeSessionAvailable ? 'Your first session is on us.' : 'Your one free session is taken.',
      disabled: !freeSessionAvailable,
    },
    {
      type: 'credit',
      title: `${SESSION_PRICES.credit.credits} credit`,
      detail:
        credits >= SESSION_PRICES.credit.credits ? (
          `You have ${credits} ${credits === 1 ? 'credit' : 'credits'}.`
        ) : (
          <>
            You have no credits.{' '}
            <Link to="/account" className="font-medium text-primary underline underline-offset-4">
              Buy credits
            </Link>
          </>
        ),
      disabled: credits < SESSION_PRICES.credit.credits,
    },
    {
      type: 'paid',
      title: `Card, ${formatMoney(SESSION_PRICES.paid.amountCents, SESSION_PRICES.paid.currency)}`,
      detail: 'Pay securely with Stripe.',
      disabled: false,
    },
  ];
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? 'payment-error' : undefined}>
      <legend className="mb-2 text-sm font-medium">How would you like to pay?</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {options.map((option) => (
          <label
            key={option.type}
            className={cn(
              'grid cursor-pointer gap-1 rounded-lg border bg-card p-3 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring',
              selected === option.type && 'border-primary ring-1 ring-primary',
              option.disabled && 'cursor-not-allowed bg-muted',
            )}
          >
            <span className="flex items-center gap-2 text-sm font-semibold">
              <input
                type="radio"
                value={option.type}
                disabled={option.disabled}
                className="size-4 accent-primary"
                {...register}
              />
              {option.title}
            </span>
            <span className="text-sm text-muted-foreground">{option.detail}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="payment-error" role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
