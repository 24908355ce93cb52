import { Button } from '@autodoctor/ui/button';
import { Dialog, DialogClose, DialogContent } from '@autodoctor/ui/dialog';
import { FormField } from '@autodoctor/ui/form-field';
import { buttonVariants } from '@autodoctor/ui/button';
import { Textarea } from '@autodoctor/ui/textarea';
import { sessionSummarySchema, type SessionSummaryInput } from '@autodoctor/session-core/rules';
import { useState, type FormEvent, type RefObject } from 'react';

export interface EndSessionDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customerFirstName: string;
  onEnd: (summary: SessionSummaryInput) => Promise<unknown>;
  returnFocusTo: RefObject<HTMLElement | null>;
}

type FieldErrors = Partial<Record<keyof SessionSummaryInput, string>>;

/** The summary form of "End session": what was found, what next, whether a workshop visit is needed. */
export default function EndSessionDialog(props: EndSessionDialogProps) {
  const [found, setFound] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [workshop, setWorkshop] = useState<'yes' | 'no' | ''>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = sessionSummarySchema.safeParse({
      found,
      nextSteps,
      workshopVisitNeeded: workshop === '' ? undefined : workshop === 'yes',
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof SessionSummaryInput;
        next[field] ??=
          field === 'workshopVisitNeeded' ? 'Say whether a workshop visit is needed' : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await props.onEnd(parsed.data);
      props.onOpenChange(false);
    } catch {
      // The caller tells what went wrong (a toast); the form keeps what was written for another try.
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={(open) => !pending && props.onOpenChange(open)}>
      <DialogContent
        title="End this session"
        description={`${props.customerFirstName} reads this summary on their session page and in their history. Ending cannot be undone.`}
        // Only the mechanic closes it (Escape, ×, Keep it open): the room below may take focus
        // when a message arrives, and a half-written summary must not vanish with it.
        onFocusOutside={(event) => event.preventDefault()}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          props.returnFocusTo.current?.focus();
        }}
      >
        <form className="grid gap-4" noValidate onSubmit={(event) => void submit(event)}>
          <FormField label="What you found" error={errors.found}>
            {(control) => (
              <Textarea
                {...control}
                className="min-h-20"
                value={found}
                onChange={(e) => setFound(e.target.value)}
              />
            )}
          </FormField>
          <FormField label="What to do next" error={errors.nextSteps}>
            {(control) => (
              <Textarea
                {...control}
                className="min-h-20"
                value={nextSteps}
                onChange={(e) => setNextSteps(e.target.value)}
              />
            )}
          </FormField>
          <fieldset
            className="grid gap-2"
            aria-describedby={errors.workshopVisitNeeded ? 'workshop-error' : undefined}
          >
            <legend className="text-sm font-medium">Does the car need a workshop visit?</legend>
            <div className="flex gap-6">
              {(['yes', 'no'] as const).map((value) => (
                <label key={value} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="workshop-visit"
                    value={value}
                    checked={workshop === value}
                    onChange={() => setWorkshop(value)}
                  />
                  {value === 'yes' ? 'Yes, a workshop visit is needed' : 'No workshop visit needed'}
                </label>
              ))}
            </div>
            {errors.workshopVisitNeeded ? (
              <p id="workshop-error" role="alert" className="text-sm font-medium text-destructive">
                {errors.workshopVisitNeeded}
              </p>
            ) : null}
          </fieldset>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose className={buttonVariants({ variant: 'outline' })} disabled={pending}>
              Keep it open
            </DialogClose>
            <Button type="submit" variant="destructive" pending={pending}>
              End session
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
