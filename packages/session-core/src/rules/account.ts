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

/** The sign-up form: name, email, password. */
export const signUpSchema = z.object({
  name: z
    .string({ error: 'Enter your name' })
    .check(
      z.trim(),
      z.minLength(1, 'Enter your name'),
      z.maxLength(
        ACCOUNT_LIMITS.nameMaxLength,
        `Name must be at most ${ACCOUNT_LIMITS.nameMaxLength} characters`,
      ),
      z.regex(NO_CONTROL_CHARACTERS, 'Remove the control characters from your name'),
    ),
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
