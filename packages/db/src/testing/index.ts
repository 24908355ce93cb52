export { createTestDatabase, useTestDatabase, type TestDatabase } from './test-database.ts';
export { invariantViolations, NO_VIOLATIONS, type Invariant } from './invariants.ts';
