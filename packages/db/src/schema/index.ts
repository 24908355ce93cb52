export * from './enums.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './credits.ts';
export * from './stripe.ts';
export * from './auth.ts';
export * from './presence.ts';
export * from './room.ts';
