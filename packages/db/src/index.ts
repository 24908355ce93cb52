export * from './schema/index.ts';
export * from './client.ts';
export * from './migrate.ts';
export * from './postgres-error.ts';
export * from './rows.ts';
export * from './urls.ts';
