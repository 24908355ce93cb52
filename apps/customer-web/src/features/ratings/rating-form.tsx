import type { ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { formatDateTime } from '@autodoctor/ui/lib/format';
import { RATING_MAX_STARS, RatingStars } from '@autodoctor/ui/rating-stars';
import { Textarea } from '@autodoctor/ui/textarea';
import { Star } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { refusalMessage } from '../quotes/refusal-message.ts';

/** The rating the customer gave a session, as history and the session carry it. */
export interface GivenRating {
  stars: number;
  comment: string;
  createdAt: Date;
  changeableUntil: Date;
}

export const RATING_COMMENT_MAX = 1000;

export interface RatingFormProps {
  mechanicName: string;
  rating: GivenRating | null;
  onRate: (rating: { stars: number; comment: string }) => void;
  pending: boolean;
  failure: ApiErrorInfo | null;
  /** Whether the last save went through (says so until the next change). */
  saved: boolean;
  now: number;
}

/** Rates an ended session: 1–5 stars and a comment, changeable for 7 days after it was first given. */
export function RatingForm({ mechanicName, rating, onRate, pending, failure, saved, now }: RatingFormProps) {
  const legendId = useId();
  const [stars, setStars] = useState<number | null>(rating?.stars ?? null);
  const [comment, setComment] = useState(rating?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [edited, setEdited] = useState(false);

  if (rating && rating.changeableUntil.getTime() <= now) {
    return (
      <div className="grid gap-2">
        <p className="text-sm">
          You rated your session with {mechanicName}{' '}
          <RatingStars stars={rating.stars} className="align-middle" /> on {formatDateTime(rating.createdAt)}.
        </p>
        {rating.comment ? (
          <blockquote className="border-l-2 pl-3 text-sm whitespace-pre-wrap">{rating.comment}</blockquote>
        ) : null}
        <p className="text-sm text-muted-foreground">
          A rating can be changed for 7 days; this one no longer can.
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stars === null) {
      setError('Choose from 1 to 5 stars.');
      return;
    }
    setEdited(false);
    onRate({ stars, comment: comment.trim() });
  };
  const refusal = failure ? refusalMessage(failure) : null;

  return (
    <form
      className="grid gap-4"
      onSubmit={submit}
      noValidate
      aria-label={`Rate your session with ${mechanicName}`}
    >
      <fieldset className="grid gap-2" aria-describedby={error ? `${legendId}-error` : undefined}>
        <legend id={legendId} className="text-sm font-medium">
          How was your session with {mechanicName}?
        </legend>
        <div role="radiogroup" aria-labelledby={legendId} className="flex gap-1">
          {Array.from({ length: RATING_MAX_STARS }, (_, index) => {
            const value = index + 1;
            const lit = stars !== null && value <= stars;
            return (
              <label
                key={value}
                className="relative cursor-pointer rounded-md p-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
              >
                <input
                  type="radio"
                  name={`${legendId}-stars`}
                  value={value}
                  checked={stars === value}
                  onChange={() => {
                    setStars(value);
                    setError(null);
                    setEdited(true);
                  }}
                  // Invisible over its star: the star is what one sees and clicks.
                  className="absolute inset-0 size-full cursor-pointer opacity-0"
                  aria-label={value === 1 ? '1 star' : `${value} stars`}
                />
                <Star
                  aria-hidden="true"
                  className={lit ? 'size-8 fill-amber-400 text-amber-600' : 'size-8 text-muted-foreground'}
                />
              </label>
            );
          })}
        </div>
        {error ? (
          <p id={`${legendId}-error`} role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
      </fieldset>
      <FormField label="Comment (optional)" aside={`${comment.length} / ${RATING_COMMENT_MAX}`}>
        {(control) => (
          <Textarea
            {...control}
            className="min-h-20"
            maxLength={RATING_COMMENT_MAX}
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
              setEdited(true);
            }}
          />
        )}
      </FormField>
      {rating ? (
        <p className="text-sm text-muted-foreground">
          You can change your rating until {formatDateTime(rating.changeableUntil)}.
        </p>
      ) : (
        <p className="text-sm text-muted-foreground">You can change it for 7 days after you give it.</p>
      )}
      {refusal ? <Alert title={refusal.title}>{refusal.message}</Alert> : null}
      {saved && !edited && !refusal ? <Alert tone="success">Thank you: your rating is saved.</Alert> : null}
      <Button type="submit" pending={pending} className="justify-self-start">
        {rating ? 'Change rating' : 'Save rating'}
      </Button>
    </form>
  );
}
