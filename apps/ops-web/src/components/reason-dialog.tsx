import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { OPERATOR_REASON } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@autodoctor/ui/dialog';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { useState, type FormEvent, type ReactNode } from 'react';

export interface ReasonDialogProps {
  /** The trigger's text; `triggerSuffix` is read by screen readers only (whom it acts on). */
  trigger: string;
  triggerSuffix?: string;
  title: string;
  description: ReactNode;
  /** The confirm button's text. */
  confirm: string;
  destructive?: boolean;
  pending: boolean;
  /** Runs the action; resolves when it is done (the dialog closes), rejects with the API's refusal. */
  onConfirm: (reason: string) => Promise<unknown>;
}

/** An operator's action behind a reason: required, kept in the audit with the operator's name. */
export function ReasonDialog(props: ReasonDialogProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < OPERATOR_REASON.min) {
      setError(`Say why, in at least ${OPERATOR_REASON.min} characters (a ticket number, say).`);
      return;
    }
    setError(undefined);
    props.onConfirm(trimmed).then(
      () => {
        setOpen(false);
        setReason('');
      },
      (failure: unknown) => setError(apiErrorInfo(failure).message),
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button variant={props.destructive ? 'destructive' : 'outline'} size="sm">
          {props.trigger}
          {props.triggerSuffix ? <span className="sr-only"> {props.triggerSuffix}</span> : null}
        </Button>
      </DialogTrigger>
      <DialogContent title={props.title} description={props.description}>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormField label="Reason" description="Kept in the audit with your name." error={error}>
            {(control) => (
              <Input
                {...control}
                maxLength={OPERATOR_REASON.max}
                autoComplete="off"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </FormField>
          <Button
            type="submit"
            variant={props.destructive ? 'destructive' : 'default'}
            pending={props.pending}
            className="justify-self-start"
          >
            {props.confirm}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
