import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { userRole } from './enums.ts';

/**
 * Every person who signs in. Shaped as better-auth's `user` model (the JS keys
 * are its field names) with `role` as an additional field, so the API issue
 * plugs better-auth onto this table instead of creating a second one.
 */
export const users = pgTable(
  'users',
  {
    // better-auth generates string ids; the default lets SQL and seeds insert too.
    id: text('id')
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    role: userRole('role').notNull().default('customer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the person deleted their account: name and email are then placeholders. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Set while an operator has disabled the account (mechanics): no sign-in, no accept. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  // Target of the composite foreign key that makes a participant's role match
  // the user's role, so Postgres refuses a mechanic joining as a customer.
  (t) => [
    unique('uq_users_id_role').on(t.id, t.role),
    // The mechanics by name (the analytics' per-mechanic panels), without reading every customer.
    index('idx_users_mechanics_name')
      .on(t.name, t.id)
      .where(sql`${sql.identifier('role')} = 'mechanic'`),
  ],
);
