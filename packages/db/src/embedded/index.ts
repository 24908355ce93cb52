export * from './server.ts';
export * from './local-database.ts';
