export { createTestDatabase, useTestDatabase, type TestDatabase } from './test-database.ts';
export { withDatabase } from './template.ts';
