import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

// better-auth's own models (session, account, verification), named for this
// schema; the JS keys are its field names, so its Drizzle adapter maps them
// one to one. `users` is its `user` model.

/** A signed-in browser: better-auth's `session` model (the cookie holds its token). */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('idx_auth_sessions_user').on(t.userId)],
);

/** How a user signs in: better-auth's `account` model (for email + password, the password hash). */
export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamptz('access_token_expires_at'),
    refreshTokenExpiresAt: timestamptz('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_auth_accounts_user').on(t.userId),
    // One login per provider account (for email + password: one per user).
    uniqueIndex('uq_auth_accounts_provider_account').on(t.providerId, t.accountId),
  ],
);

/** One-time values (e.g. reset tokens): better-auth's `verification` model. */
export const authVerifications = pgTable(
  'auth_verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('idx_auth_verifications_identifier').on(t.identifier)],
);

/**
 * Request counts per key and window, shared by every API instance: better-auth's
 * `rateLimit` model (its keys: client address + endpoint) and the API's own
 * limits on the same table (keys `intake:…`, `sign-in:account:…`).
 * `last_request` is milliseconds since the epoch, as better-auth writes it.
 */
export const authRateLimits = pgTable(
  'auth_rate_limits',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull().unique(),
    count: integer('count').notNull(),
    lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
  },
  (t) => [index('idx_auth_rate_limits_last_request').on(t.lastRequest)],
);
