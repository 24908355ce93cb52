/**
 * @autodoctor/session-core: the rules of an AutoDoctor session and the only
 * code that writes sessions. Pure rules are in `./rules` (also importable on
 * their own as `@autodoctor/session-core/rules`); every function here takes a
 * Drizzle database and runs in its own transaction.
 * @module
 */
export * from './rules/index.ts';
export * from './errors.ts';
export { isUuid } from './ids.ts';
export type * from './types.ts';
export { createSessionRecord, type CreatedSessionRecord } from './create-session-record.ts';
export {
  acceptAssignment,
  type AcceptAssignmentInput,
  type AcceptedAssignment,
} from './transitions/accept-assignment.ts';
export { startSession, type SessionActionInput } from './transitions/start-session.ts';
export { endSession, type EndSessionInput } from './transitions/end-session.ts';
export { cancelSession, type CancelledSession } from './transitions/cancel-session.ts';
export { grantCredits, getCreditBalance } from './credits.ts';
export { cursorKey, pageOf, type Page, type PageOptions } from './pagination.ts';
export {
  attachCreditPurchaseCheckout,
  completeCreditPurchase,
  getCreditPurchase,
  listCreditLedger,
  startCreditPurchase,
  type CreditLedgerItem,
  type CreditLedgerPage,
  type CreditPurchase,
  type CreditPurchaseCompletion,
  type CreditPurchaseStatus,
} from './credit-purchases.ts';
export {
  recordMechanicHeartbeat,
  setMechanicAvailability,
  type SetMechanicAvailabilityInput,
} from './mechanic-presence.ts';
export { referralFeeOf, type ReferralFacts, type ReferralFee } from './earnings/referral-fee.ts';
export {
  PAYOUT_MAX_CENTS,
  PAYOUT_REFERENCE_MAX,
  recordPayout,
  type RecordedPayout,
  type RecordPayoutInput,
} from './earnings/payouts.ts';
export {
  EARNINGS_CSV_HEADER,
  earningsCsv,
  getEarningsSummary,
  listEarningLines,
  type EarningLinePage,
  type EarningLineView,
  type EarningsSummary,
} from './earnings/reads.ts';
export {
  getSessionRatings,
  listMechanicRatings,
  rateSession,
  withCustomerRatings,
  type CustomerSessionView,
  type RateSessionInput,
  type RatingPage,
  type RatingView,
  type SessionRatingView,
} from './ratings.ts';
export { expireOrphanedSessions } from './expire-orphaned-sessions.ts';
export { promoteDueScheduledSessions } from './promote-due-scheduled-sessions.ts';
export * from './feed/index.ts';
export * from './queries/index.ts';
export * from './room/index.ts';
export * from './quotes/index.ts';
export * from './operations/index.ts';
export {
  earningsInvariantViolations,
  NO_EARNINGS_VIOLATIONS,
  type EarningsInvariant,
} from './audit/earnings-invariants.ts';
export { getReceipt, listReceipts, type Receipt, type ReceiptPage } from './receipts.ts';
export { enqueueMail, enqueueMailOn } from './notifications/enqueue-mail.ts';
export { enqueueRefundMail, mailDedupeKey, vehicleSummaryOf } from './notifications/session-mail.ts';
export {
  deleteCustomerAccount,
  deletedAccountEmail,
  DELETED_CUSTOMER_NAME,
  REMOVED_MESSAGE_TEXT,
  type DeletedCustomerAccount,
} from './accounts/delete-customer-account.ts';
export {
  ensureCustomer,
  ensureCustomerInputSchema,
  type EnsureCustomerInput,
  type EnsuredCustomer,
} from './accounts/ensure-customer.ts';
export {
  getNotificationPreferences,
  setNotificationPreference,
  type NotificationPreference,
} from './notifications/preferences.ts';
