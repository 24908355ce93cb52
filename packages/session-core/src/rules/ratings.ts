import { z } from 'zod';

/** A rating can be changed for this many days after it was first given; then it is locked. */
export const RATING_CHANGE_DAYS = 7;
/** The longest comment a rating takes. */
export const RATING_COMMENT_MAX = 1000;

// PostgreSQL text cannot hold NUL; a comment may have line breaks and tabs, no other control character.
const NO_CONTROL_CHARACTERS_BUT_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

/** What a customer gives a session: 1–5 stars and an optional comment (trimmed, '' when none). */
export const ratingInputSchema = z.object({
  stars: z
    .number({ error: 'Choose 1 to 5 stars' })
    .int('Choose 1 to 5 stars')
    .min(1, 'Choose 1 to 5 stars')
    .max(5, 'Choose 1 to 5 stars'),
  comment: z
    .string({ error: 'Write the comment as text' })
    .trim()
    .max(RATING_COMMENT_MAX, `Keep the comment under ${RATING_COMMENT_MAX} characters`)
    .regex(NO_CONTROL_CHARACTERS_BUT_LINES, 'Remove the control characters from the comment')
    .default(''),
});
export type RatingInput = z.input<typeof ratingInputSchema>;

/** Until when a rating first given at `createdAt` can be changed. */
export function ratingChangeableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + RATING_CHANGE_DAYS * 24 * 60 * 60 * 1000);
}
