import { formText } from '@autodoctor/auth-client/form-text';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@autodoctor/ui/dialog';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useState, type FormEvent } from 'react';

/** What deleting answers the dialog: done, a wrong password, or another failure in words. */
export type DeleteOutcome = { ok: true } | { ok: false; wrongPassword: boolean; message: string };

export interface DeleteAccountDialogProps {
  /** Deletes the account (the API checks the password); the dialog stays open until it settles. */
  onDelete: (password: string) => Promise<DeleteOutcome>;
}

/**
 * "Delete my account": what is erased and what is kept (the API's rule, apps/api/README.md), and the
 * password to confirm it.
 */
export function DeleteAccountDialog({ onDelete }: DeleteAccountDialogProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formText(new FormData(event.currentTarget), 'password');
    if (!password) {
      setPasswordError('Enter your password to confirm');
      return;
    }
    setPasswordError(undefined);
    setFailure(null);
    setPending(true);
    const outcome = await onDelete(password);
    setPending(false);
    if (outcome.ok) return;
    if (outcome.wrongPassword) setPasswordError(outcome.message);
    else setFailure(outcome.message);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        setPasswordError(undefined);
        setFailure(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="destructive" className="justify-self-start">
          Delete my account
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Delete your account?"
        description="This cannot be undone. Download your data first if you want a copy."
      >
        <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4 text-sm">
          <div className="grid gap-1">
            <p className="font-medium">Erased</p>
            <ul className="list-disc pl-5 text-muted-foreground">
              <li>Your name, email address, password and every sign-in</li>
              <li>Your photos, the text of your messages, and your vehicles’ VINs</li>
              <li>Your email choices, and any credits left on your balance</li>
            </ul>
          </div>
          <div className="grid gap-1">
            <p className="font-medium">Kept, with nothing that names you</p>
            <ul className="list-disc pl-5 text-muted-foreground">
              <li>
                Your past sessions (vehicle make, model and year, the concern, times and amounts) for the
                mechanics’ records and our statistics
              </li>
            </ul>
          </div>
          <p className="text-muted-foreground">
            A session in progress is cancelled first, as any cancellation: what you paid is returned if no
            mechanic had accepted it yet.
          </p>
          {failure ? <Alert>{failure}</Alert> : null}
          <FormField label="Your password" error={passwordError}>
            {(control) => (
              <Input name="password" type="password" autoComplete="current-password" {...control} />
            )}
          </FormField>
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Keep my account
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" pending={pending}>
              Delete my account for good
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
