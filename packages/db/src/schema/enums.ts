import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_STATUS_VALUES,
  CREDIT_LEDGER_REASON_VALUES,
  EARNING_KIND_VALUES,
  MAIL_KIND_VALUES,
  MAIL_STATUS_VALUES,
  OPERATOR_ACTION_VALUES,
  QUOTE_LINE_KIND_VALUES,
  QUOTE_STATUS_VALUES,
  SESSION_EVENT_TYPE_VALUES,
  SESSION_STATUS_VALUES,
  SESSION_TYPE_VALUES,
  ROOM_ENTRY_KIND_VALUES,
  USER_ROLE_VALUES,
  WEBHOOK_DELIVERY_STATUS_VALUES,
} from './enum-values.ts';

// The Postgres types of the enumerated columns; their values are in enum-values.ts.
// @autodoctor/session-core re-exports the values and defines the rules
// (transitions, prices) over them.

export { ACTIVE_SESSION_STATUSES } from './enum-values.ts';
export const userRole = pgEnum('user_role', USER_ROLE_VALUES);
export const sessionType = pgEnum('session_type', SESSION_TYPE_VALUES);
export const sessionStatus = pgEnum('session_status', SESSION_STATUS_VALUES);
export const assignmentStatus = pgEnum('assignment_status', ASSIGNMENT_STATUS_VALUES);
export const sessionEventType = pgEnum('session_event_type', SESSION_EVENT_TYPE_VALUES);
export const creditLedgerReason = pgEnum('credit_ledger_reason', CREDIT_LEDGER_REASON_VALUES);
export const roomEntryKind = pgEnum('room_entry_kind', ROOM_ENTRY_KIND_VALUES);
export const quoteStatus = pgEnum('quote_status', QUOTE_STATUS_VALUES);
export const quoteLineKind = pgEnum('quote_line_kind', QUOTE_LINE_KIND_VALUES);
export const earningKind = pgEnum('earning_kind', EARNING_KIND_VALUES);
export const mailKind = pgEnum('mail_kind', MAIL_KIND_VALUES);
export const mailStatus = pgEnum('mail_status', MAIL_STATUS_VALUES);
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUS_VALUES);
export const operatorAction = pgEnum('operator_action', OPERATOR_ACTION_VALUES);
