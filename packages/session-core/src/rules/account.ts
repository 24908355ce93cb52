// zod/mini: the sign-in and sign-up pages load these rules, and nothing else of zod's, first.
import * as z from 'zod/mini';

// No control character belongs in a name (PostgreSQL text cannot even store NUL).
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** Bounds of the account fields: the web forms and the API's sign-up / sign-in share them. */
export const ACCOUNT_LIMITS = {
  nameMaxLength: 100,
  emailMaxLength: 254,
  passwordMinLength: 8,
  passwordMaxLength: 128,
} as const;

// Every message is what a person reads under the field: ours, saying what to do.
const email = z
  .email('Enter a valid email address')
  .check(
    z.maxLength(
      ACCOUNT_LIMITS.emailMaxLength,
      `Email must be at most ${ACCOUNT_LIMITS.emailMaxLength} characters`,
    ),
  );

/** A person's name, trimmed; `whose` says whose it is in the messages ("your", "the mechanic’s"). */
const personName = (whose: string) =>
  z
    .string({ error: `Enter ${whose} name` })
    .check(
      z.trim(),
      z.minLength(1, `Enter ${whose} name`),
      z.maxLength(
        ACCOUNT_LIMITS.nameMaxLength,
        `Name must be at most ${ACCOUNT_LIMITS.nameMaxLength} characters`,
      ),
      z.regex(NO_CONTROL_CHARACTERS, `Remove the control characters from ${whose} name`),
    );

/** The sign-up form: name, email, password. */
export const signUpSchema = z.object({
  name: personName('your'),
  email,
  password: z
    .string({ error: `Choose a password of at least ${ACCOUNT_LIMITS.passwordMinLength} characters` })
    .check(
      z.minLength(
        ACCOUNT_LIMITS.passwordMinLength,
        `Password must be at least ${ACCOUNT_LIMITS.passwordMinLength} characters`,
      ),
      z.maxLength(
        ACCOUNT_LIMITS.passwordMaxLength,
        `Password must be at most ${ACCOUNT_LIMITS.passwordMaxLength} characters`,
      ),
    ),
});
export type SignUpInput = z.input<typeof signUpSchema>;

/** The sign-in form: email and password (any non-empty password up to the maximum). */
export const signInSchema = z.object({
  email,
  password: z
    .string({ error: 'Enter your password' })
    .check(
      z.minLength(1, 'Enter your password'),
      z.maxLength(
        ACCOUNT_LIMITS.passwordMaxLength,
        `Password must be at most ${ACCOUNT_LIMITS.passwordMaxLength} characters`,
      ),
    ),
});
export type SignInInput = z.input<typeof signInSchema>;

/**
 * A mechanic invited by an operator (the console's dialog, `ops.inviteMechanic`, `pnpm
 * mechanic:invite`): the address trimmed and lower-cased (one account per address, any case).
 */
export const mechanicInvitationSchema = z.object({
  email: z.pipe(z.string({ error: 'Enter a valid email address' }).check(z.trim(), z.toLowerCase()), email),
  name: personName('the mechanic’s'),
});
/** An invitation as typed, before the schema trims and lower-cases it. */
export type MechanicInvitation = z.input<typeof mechanicInvitationSchema>;
