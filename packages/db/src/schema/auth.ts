import { bigint, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
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

/**
 * Revoked sign-ins, for the API's cookie cache (a signed copy of the session in a cookie, trusted
 * without a database lookup for a few minutes): `token` = the SHA-256 (hex) of a session token
 * (written by a trigger whenever an auth_sessions row is deleted: sign-out, revoke…), `user` = a
 * user id whose sessions created up to `revoked_at` are all revoked. Every insert or update is
 * NOTIFYed on `auth_session_revocations`; the API keeps rows for as long as a cookie cache lasts.
 */
export const authSessionRevocations = pgTable(
  'auth_session_revocations',
  {
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    revokedAt: timestamptz('revoked_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.subject] }),
    check('auth_session_revocations_kind', sql`${t.kind} IN ('token', 'user')`),
    index('idx_auth_session_revocations_revoked_at').on(t.revokedAt),
  ],
);
