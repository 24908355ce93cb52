import type { ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { QUOTE_LIMITS, signatureNameSchema } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { QuoteLinesTable } from '@autodoctor/ui/quote-lines-table';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { useState, type FormEvent } from 'react';
import { refusalMessage } from './refusal-message.ts';
import { approvedTotalCents, type LineChoices, type QuoteLineView, type QuoteView } from './quote-model.ts';

export interface QuoteDecision {
  quoteId: string;
  decisions: { lineId: string; approved: boolean }[];
  signatureName: string;
}

export interface QuoteDecisionFormProps {
  quote: QuoteView;
  onDecide: (decision: QuoteDecision) => void;
  pending: boolean;
  /** The API's refusal of the last try, if it was refused. */
  failure: ApiErrorInfo | null;
}

interface FormErrors {
  lines?: string;
  signature?: string;
}

/**
 * The customer's decision on a sent quote: approve or decline each line, the approved total as they
 * choose, and their typed full name as the signature.
 */
export function QuoteDecisionForm({ quote, onDecide, pending, failure }: QuoteDecisionFormProps) {
  const [choices, setChoices] = useState<LineChoices>({});
  const [signatureName, setSignatureName] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const approvedTotal = approvedTotalCents(quote.lines, choices);
  const approvedCount = quote.lines.filter((line) => choices[line.id] === true).length;
  const undecided = quote.lines.filter((line) => choices[line.id] === undefined).length;
  const refusal = failure ? refusalMessage(failure) : null;

  const choose = (lineId: string, approved: boolean) => {
    setChoices((current) => ({ ...current, [lineId]: approved }));
    setErrors((current) => ({ ...current, lines: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.lines || found.signature) return;
    onDecide({
      quoteId: quote.id,
      decisions: quote.lines.map((line) => ({ lineId: line.id, approved: choices[line.id] === true })),
      signatureName: signatureName.trim(),
    });
  };

  const validate = (): FormErrors => {
    const signature = signatureNameSchema.safeParse(signatureName);
    return {
      lines:
        undecided > 0
          ? `Choose Approve or Decline for every line (${undecided} left).`
          : approvedTotal < 0
            ? 'The approved lines add up to less than nothing: approve a discount together with the work it is for.'
            : undefined,
      // The API's own rule and words (session-core), checked here first.
      signature: signature.success ? undefined : signature.error.issues[0]?.message,
    };
  };

  return (
    <form
      className="grid gap-4"
      onSubmit={submit}
      noValidate
      aria-label={`Your decision on version ${quote.version}`}
    >
      <QuoteLinesTable
        quote={quote}
        caption={`Quote lines, version ${quote.version}: choose Approve or Decline for each`}
        decisionOf={(line) => (
          <LineChoice line={line} choice={choices[line.id]} onChoose={choose} disabled={pending} />
        )}
        decisionHeading="Your decision"
        approvedTotalCents={approvedTotal}
      />
      <p role="status" className="text-sm font-medium print:hidden">
        Approved total: {money(approvedTotal)} ({approvedCount} of {quote.lines.length} lines approved)
      </p>
      {errors.lines ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {errors.lines}
        </p>
      ) : null}
      <Alert tone="info" title="Approving is not a payment" className="print:hidden">
        An approved quote is a commitment to have the approved work done at {quote.workshopName},{' '}
        {quote.workshopAddress}. It is not a payment: nothing is charged through AutoDoctor.
      </Alert>
      <div className="grid gap-4 print:hidden">
        <FormField
          label="Your full name, as your signature"
          description="Typing your name signs your decision on every line above."
          error={errors.signature}
        >
          {(control) => (
            <Input
              {...control}
              autoComplete="name"
              maxLength={QUOTE_LIMITS.signatureMaxChars + 20}
              value={signatureName}
              onChange={(event) => setSignatureName(event.target.value)}
              disabled={pending}
            />
          )}
        </FormField>
        {refusal ? <Alert title={refusal.title}>{refusal.message}</Alert> : null}
        <Button type="submit" pending={pending} className="justify-self-start">
          {undecided === 0 && approvedCount === 0
            ? 'Decline the quote'
            : `Sign and approve ${approvedCount} of ${quote.lines.length} lines`}
        </Button>
      </div>
    </form>
  );
}

function LineChoice({
  line,
  choice,
  onChoose,
  disabled,
}: {
  line: QuoteLineView;
  choice: boolean | undefined;
  onChoose: (lineId: string, approved: boolean) => void;
  disabled: boolean;
}) {
  const name = `line-${line.id}`;
  return (
    <div role="radiogroup" aria-label={line.description} className="flex flex-wrap gap-x-3 gap-y-1">
      {[
        { approved: true, label: 'Approve' },
        { approved: false, label: 'Decline' },
      ].map((option) => (
        <label key={option.label} className="inline-flex min-h-6 items-center gap-1.5 whitespace-nowrap">
          <input
            type="radio"
            name={name}
            className="size-4 accent-primary"
            checked={choice === option.approved}
            onChange={() => onChoose(line.id, option.approved)}
            disabled={disabled}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
