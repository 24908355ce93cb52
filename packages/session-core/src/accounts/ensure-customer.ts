import { users, type Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { EmailNotACustomerError, InvalidSessionInputError } from '../errors.ts';
import { ACCOUNT_LIMITS } from '../rules/account.ts';

// No control character belongs in a name (PostgreSQL text cannot even store NUL).
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** Who another service (a partner's booking site) brings us: the customer's address and name. */
export const ensureCustomerInputSchema = z.object({
  // Lower-cased as better-auth stores addresses, so the person's later sign-in finds this row.
  email: z
    .email('Enter a valid email address')
    .max(ACCOUNT_LIMITS.emailMaxLength, `Email must be at most ${ACCOUNT_LIMITS.emailMaxLength} characters`)
    .transform((email) => email.toLowerCase()),
  name: z
    .string({ error: 'Enter the customer’s name' })
    .trim()
    .min(1, 'Enter the customer’s name')
    .max(ACCOUNT_LIMITS.nameMaxLength, `Name must be at most ${ACCOUNT_LIMITS.nameMaxLength} characters`)
    .regex(NO_CONTROL_CHARACTERS, 'Remove the control characters from the name'),
});
export type EnsureCustomerInput = z.input<typeof ensureCustomerInputSchema>;

/** The customer `ensureCustomer` found or made. */
export interface EnsuredCustomer {
  userId: string;
  /** The address as stored (lower case). */
  email: string;
  /** The account's name: an existing customer keeps theirs, whatever name was given. */
  name: string;
  /** True when this call made the account. */
  created: boolean;
}

/**
 * Makes the person with this address a customer of ours, or returns the customer who has it:
 * another service's customer (a partner's) becomes one of ours. A new account has role
 * `customer`, no password and an unverified address: the person chooses a password with "Forgot
 * password" in the customer app (better-auth's reset makes the missing password login), as an
 * invited mechanic does. An existing customer is returned unchanged (their name stays theirs).
 *
 * One statement decides, so concurrent calls for one address make one account: an upsert on the
 * unique email that only matches a customer's live account. Throws `InvalidSessionInputError` for
 * a malformed address or name, and `EmailNotACustomerError` when the address belongs to a
 * mechanic; nothing is written then.
 */
export async function ensureCustomer(db: Database, input: EnsureCustomerInput): Promise<EnsuredCustomer> {
  const parsed = ensureCustomerInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const { email, name } = parsed.data;
  // DO UPDATE (a no-op on the email) rather than DO NOTHING: it returns the existing row even when
  // a concurrent call inserted it after this statement's snapshot. Its WHERE leaves a mechanic's
  // (or a deleted account's placeholder) row alone, and then nothing comes back. `xmax = 0` holds
  // only for a row this statement inserted.
  const [row] = await db
    .insert(users)
    .values({ email, name, role: 'customer' })
    .onConflictDoUpdate({
      target: users.email,
      set: { email: sql`excluded.email` },
      setWhere: sql`${users.role} = 'customer' AND ${users.deletedAt} IS NULL`,
    })
    .returning({
      userId: users.id,
      email: users.email,
      name: users.name,
      created: sql<boolean>`(xmax = 0)`,
    });
  if (!row) throw new EmailNotACustomerError(email);
  return row;
}
