import { z } from 'zod';

/** A rating can be changed for this many days after it was first given; then it is locked. */
export const RATING_CHANGE_DAYS = 7;
/** The longest comment a rating takes. */
export const RATING_COMMENT_MAX = 1000;

/** What a customer gives a session: 1–5 stars and an optional comment (trimmed, '' when none). */
export const ratingInputSchema = z.object({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(RATING_COMMENT_MAX).default(''),
});
export type RatingInput = z.input<typeof ratingInputSchema>;

/** Until when a rating first given at `createdAt` can be changed. */
export function ratingChangeableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + RATING_CHANGE_DAYS * 24 * 60 * 60 * 1000);
}
