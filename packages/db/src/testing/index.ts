export { createTestDatabase, useTestDatabase, type TestDatabase } from './test-database.ts';
export {
  invariantViolations,
  NO_VIOLATIONS,
  paymentInvariantViolations,
  type Invariant,
  type PaymentInvariant,
} from './invariants.ts';
