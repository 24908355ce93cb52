import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { QUOTE_LINE_KIND_LABEL, type QuoteLineKindName } from '@autodoctor/ui/lib/quote-format';
import { NativeSelect } from '@autodoctor/ui/native-select';
import { Textarea } from '@autodoctor/ui/textarea';
import { Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { QUOTE_LIMITS, QUOTE_VALID_DAYS_MAX, type QuoteDraftInput } from '@autodoctor/session-core/rules';
import {
  addDays,
  dayInput,
  fieldOfIssuePath,
  newLine,
  previewTotals,
  toDraftInput,
  type QuoteFieldErrors,
  type QuoteFormLine,
  type QuoteFormValues,
} from './quote-form.ts';
import { inputIssuesOf, quoteRefusalMessage } from './quote-refusal.ts';

// The date picker's last day: the day before the limit, whose end would be past it.
const LAST_VALID_DAY = QUOTE_VALID_DAYS_MAX - 1;

export interface QuoteEditorProps {
  /** "New quote" or "Draft, version 2". */
  title: string;
  initial: QuoteFormValues;
  /** Saves the draft; rejects with the API's refusal (shown at the fields, or above the buttons). */
  onSave: (input: QuoteDraftInput) => Promise<unknown>;
  /** Saves, then sends it to the customer. */
  onSaveAndSend: (input: QuoteDraftInput) => Promise<unknown>;
  onCancel: () => void;
}

type Action = 'save' | 'send';

/**
 * The quote form: lines (kind, description, quantity or hours, unit price or hourly rate), tax rate,
 * the workshop, valid until, a note; totals previewed with session-core's rule as the mechanic types.
 */
export function QuoteEditor({ title, initial, onSave, onSaveAndSend, onCancel }: QuoteEditorProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<QuoteFieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState<Action | null>(null);
  const totals = previewTotals(values);
  const money = (cents: number) => formatMoney(cents, 'usd');

  const set = <K extends keyof QuoteFormValues>(key: K, value: QuoteFormValues[K]) =>
    setValues((old) => ({ ...old, [key]: value }));
  const setLine = (index: number, patch: Partial<QuoteFormLine>) =>
    setValues((old) => ({
      ...old,
      lines: old.lines.map((line, i) => (i === index ? { ...line, ...patch } : line)),
    }));

  async function submit(action: Action, event?: FormEvent) {
    event?.preventDefault();
    setFailure(null);
    const checked = toDraftInput(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    // A draft may total nothing yet; session-core sends only a quote whose total is above zero.
    if (action === 'send' && totals.totalCents <= 0) {
      setErrors({ lines: 'A quote is sent with a total above zero: check its lines' });
      return;
    }
    setErrors({});
    setPending(action);
    try {
      await (action === 'send' ? onSaveAndSend : onSave)(checked.input);
    } catch (error) {
      const issues = inputIssuesOf(error);
      if (issues.length > 0) {
        const next: QuoteFieldErrors = {};
        for (const issue of issues) next[fieldOfIssuePath(issue.path)] ??= issue.message;
        setErrors(next);
      } else {
        setFailure(quoteRefusalMessage(error));
      }
    } finally {
      setPending(null);
    }
  }

  const today = new Date();
  return (
    <form
      className="grid gap-5"
      noValidate
      aria-label={title}
      onSubmit={(event) => void submit('save', event)}
    >
      <h3 className="text-base font-semibold">{title}</h3>
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-medium">Lines</legend>
        {values.lines.map((line, index) => {
          const number = index + 1;
          const hours = line.kind === 'labour';
          const preview = totals.lines[index];
          return (
            <div
              key={line.key}
              role="group"
              aria-label={`Line ${number}`}
              className="grid gap-3 rounded-lg border p-3 sm:grid-cols-[8rem_1fr_6rem_8rem] sm:items-start"
            >
              <FormField label={`Kind, line ${number}`} error={errors[`lines.${index}.kind`]}>
                {(control) => (
                  <NativeSelect
                    {...control}
                    value={line.kind}
                    onChange={(e) => setLine(index, { kind: e.target.value as QuoteLineKindName })}
                  >
                    {Object.entries(QUOTE_LINE_KIND_LABEL).map(([kind, label]) => (
                      <option key={kind} value={kind}>
                        {label}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </FormField>
              <FormField label={`Description, line ${number}`} error={errors[`lines.${index}.description`]}>
                {(control) => (
                  <Input
                    {...control}
                    value={line.description}
                    maxLength={QUOTE_LIMITS.descriptionMaxChars}
                    onChange={(e) => setLine(index, { description: e.target.value })}
                  />
                )}
              </FormField>
              <FormField
                label={`${hours ? 'Hours' : 'Quantity'}, line ${number}`}
                error={errors[`lines.${index}.quantity`]}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={line.quantity}
                    onChange={(e) => setLine(index, { quantity: e.target.value })}
                  />
                )}
              </FormField>
              <FormField
                label={`${hours ? 'Hourly rate' : 'Unit price'} ($), line ${number}`}
                error={errors[`lines.${index}.unitPrice`]}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={line.unitPrice}
                    onChange={(e) => setLine(index, { unitPrice: e.target.value })}
                  />
                )}
              </FormField>
              <div className="flex items-center justify-between gap-2 sm:col-span-4">
                <p className="text-sm text-muted-foreground">
                  Line total{' '}
                  <span className="font-medium text-foreground tabular-nums">
                    {money(preview?.totalCents ?? 0)}
                  </span>
                </p>
                {values.lines.length > 1 ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      set(
                        'lines',
                        values.lines.filter((_, i) => i !== index),
                      )
                    }
                  >
                    <Trash2 aria-hidden="true" />
                    Remove line {number}
                  </Button>
                ) : null}
              </div>
            </div>
          );
        })}
        {errors.lines ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {errors.lines}
          </p>
        ) : null}
        {values.lines.length < QUOTE_LIMITS.linesMax ? (
          <Button
            type="button"
            variant="outline"
            className="justify-self-start"
            onClick={() => set('lines', [...values.lines, newLine()])}
          >
            <Plus aria-hidden="true" />
            Add line
          </Button>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Tax rate (%)" error={errors.taxRate}>
          {(control) => (
            <Input
              {...control}
              inputMode="decimal"
              value={values.taxRate}
              onChange={(e) => set('taxRate', e.target.value)}
            />
          )}
        </FormField>
        <FormField
          label="Valid until"
          error={errors.validUntil}
          description="The customer can approve it until the end of that day."
        >
          {(control) => (
            <Input
              {...control}
              type="date"
              min={dayInput(addDays(today, 1))}
              max={dayInput(addDays(today, LAST_VALID_DAY))}
              value={values.validUntil}
              onChange={(e) => set('validUntil', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Workshop name" error={errors.workshopName}>
          {(control) => (
            <Input
              {...control}
              autoComplete="organization"
              maxLength={QUOTE_LIMITS.workshopNameMaxChars}
              value={values.workshopName}
              onChange={(e) => set('workshopName', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Workshop address" error={errors.workshopAddress}>
          {(control) => (
            <Textarea
              {...control}
              className="min-h-16"
              maxLength={QUOTE_LIMITS.workshopAddressMaxChars}
              value={values.workshopAddress}
              onChange={(e) => set('workshopAddress', e.target.value)}
            />
          )}
        </FormField>
      </div>
      <FormField label="Note to the customer" aside="optional" error={errors.note}>
        {(control) => (
          <Textarea
            {...control}
            className="min-h-16"
            maxLength={QUOTE_LIMITS.noteMaxChars}
            value={values.note}
            onChange={(e) => set('note', e.target.value)}
          />
        )}
      </FormField>

      <div role="group" aria-label="Totals" className="grid justify-end">
        <dl className="grid gap-1 text-sm tabular-nums">
          <TotalRow label="Subtotal" value={money(totals.subtotalCents)} />
          <TotalRow label="Tax" value={money(totals.taxCents)} />
          <TotalRow label="Total" value={money(totals.totalCents)} strong />
        </dl>
      </div>

      {failure ? <Alert title="The quote was not saved">{failure}</Alert> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="ghost" disabled={pending !== null} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="outline" pending={pending === 'save'} disabled={pending !== null}>
          Save draft
        </Button>
        <Button
          type="button"
          pending={pending === 'send'}
          disabled={pending !== null}
          onClick={() => void submit('send')}
        >
          Save and send
        </Button>
      </div>
    </form>
  );
}

function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? 'flex justify-between gap-8 font-semibold' : 'flex justify-between gap-8'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
