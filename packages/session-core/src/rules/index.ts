/**
 * The pure rules of a session: no I/O, safe to import anywhere (browser included).
 * @module
 */
export * from './statuses.ts';
export * from './events.ts';
export * from './pricing.ts';
export * from './intake.ts';
export * from './vin.ts';
export * from './account.ts';
export * from './roles.ts';
export * from './presence.ts';
export * from './names.ts';
export * from './room.ts';
export * from './error-codes.ts';
export * from './money.ts';
export * from './earnings.ts';
export * from './quotes.ts';
export * from './ratings.ts';
export * from './time-zone.ts';
export * from './notifications.ts';
export * from './links.ts';
export * from './operations.ts';
