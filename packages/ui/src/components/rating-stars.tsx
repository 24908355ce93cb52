import { Star } from 'lucide-react';
import { cn } from '../lib/cn.ts';

export const RATING_MAX_STARS = 5;

/** A rating shown as stars, read as "4 of 5 stars". */
export function RatingStars({ stars, className }: { stars: number; className?: string }) {
  return (
    <span
      role="img"
      aria-label={`${stars} of ${RATING_MAX_STARS} stars`}
      className={cn('inline-flex gap-0.5', className)}
    >
      {Array.from({ length: RATING_MAX_STARS }, (_, index) => (
        <Star
          key={index}
          aria-hidden="true"
          className={cn('size-4', index < stars ? 'fill-amber-400 text-amber-600' : 'text-muted-foreground')}
        />
      ))}
    </span>
  );
}
