// Drizzle's query helpers (sql, eq, and, …) for apps, from this package's own
// copy of drizzle-orm: an app whose other dependencies bring optional peers of
// drizzle-orm (better-auth brings kysely) would otherwise get a second copy
// whose SQL objects do not type-check against this schema.
export * from 'drizzle-orm';
