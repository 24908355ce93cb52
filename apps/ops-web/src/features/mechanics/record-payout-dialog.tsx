import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { dollarsToCents, PAYOUT_MAX_CENTS, PAYOUT_REFERENCE_MAX } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@autodoctor/ui/dialog';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import type { RosterEntry } from './mechanic-status.ts';

/** What is wrong with a typed amount, or the cents it stands for. */
export function checkPayoutAmount(text: string): { cents: number } | { error: string } {
  const cents = dollarsToCents(text);
  if (cents === null) return { error: 'Dollars, with at most two decimals (e.g. 120.50).' };
  if (cents <= 0) return { error: 'More than $0.' };
  if (cents > PAYOUT_MAX_CENTS) return { error: `At most ${formatMoney(PAYOUT_MAX_CENTS)}.` };
  return { cents };
}

/** Records a payout to one mechanic: the amount paid and the transfer's reference. */
export function RecordPayoutDialog({ mechanic }: { mechanic: RosterEntry }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reference?: string }>({});
  // The roster (and its balance) is refetched when this settles (CHANGE_EFFECTS).
  const payout = useMutation(trpc.ops.recordPayout.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkPayoutAmount(amount);
    const next = {
      ...('error' in checked ? { amount: checked.error } : {}),
      ...(reference.trim() ? {} : { reference: 'The transfer’s reference, as on the bank statement.' }),
    };
    setErrors(next);
    if ('error' in checked || next.reference) return;
    payout.mutate(
      { mechanicUserId: mechanic.id, amountCents: checked.cents, reference: reference.trim() },
      {
        onSuccess: () => {
          toast.success(`Payout of ${formatMoney(checked.cents)} to ${mechanic.name} recorded.`);
          setOpen(false);
          setAmount('');
          setReference('');
        },
        onError: (error) => setErrors({ amount: apiErrorInfo(error).message }),
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Record payout<span className="sr-only"> to {mechanic.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Record a payout to ${mechanic.name}`}
        description={`They are owed ${formatMoney(mechanic.balanceCents)}. The payout is a line of their earnings, naming you; it cannot be undone.`}
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormField label="Amount paid ($)" error={errors.amount}>
            {(control) => (
              <Input
                {...control}
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
              />
            )}
          </FormField>
          <FormField label="Reference" error={errors.reference}>
            {(control) => (
              <Input
                {...control}
                maxLength={PAYOUT_REFERENCE_MAX}
                autoComplete="off"
                value={reference}
                onChange={(event) => setReference(event.target.value)}
              />
            )}
          </FormField>
          <Button type="submit" pending={payout.isPending}>
            Record payout
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
