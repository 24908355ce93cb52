import { MAIL_KIND_VALUES } from '@autodoctor/db/enum-values';

export { MAIL_KIND_VALUES };

/** Every email the product sends. */
export type MailKind = (typeof MAIL_KIND_VALUES)[number];

/**
 * How a kind of email is treated:
 * - `security`: always sent, to any address (it is how an address gets verified), never turned off;
 * - `receipt`: sent to verified addresses only, never turned off (proof of a payment or refund);
 * - `optional`: sent to verified addresses only, and each person may turn each kind off (one
 *   click from the message itself: `List-Unsubscribe`).
 */
export type MailCategory = 'security' | 'receipt' | 'optional';

/** Who may receive a kind, and how it can be turned off: the one table of our email. */
export const MAIL_KINDS = {
  verify_email: { category: 'security', label: 'Email address verification' },
  reset_password: { category: 'security', label: 'Password reset' },
  change_email: { category: 'security', label: 'New email address verification' },
  mechanic_invitation: { category: 'security', label: 'Mechanic invitation' },
  session_accepted: { category: 'optional', label: 'A mechanic accepted your session' },
  session_live: { category: 'optional', label: 'Your session is live' },
  session_ended: { category: 'optional', label: 'Session summary' },
  session_refund: { category: 'receipt', label: 'Refund' },
  session_payment_receipt: { category: 'receipt', label: 'Card payment receipt' },
  credit_purchase_receipt: { category: 'receipt', label: 'Credit purchase receipt' },
  quote_sent: { category: 'optional', label: 'A repair quote for you' },
  quote_approved: { category: 'optional', label: 'Your quote was approved' },
} as const satisfies Record<MailKind, { category: MailCategory; label: string }>;

/** The kinds a person may turn off (the account page lists them; unsubscribe links name one). */
export const OPTIONAL_MAIL_KINDS = MAIL_KIND_VALUES.filter(
  (kind) => MAIL_KINDS[kind].category === 'optional',
);
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

export function isOptionalMailKind(kind: string): kind is OptionalMailKind {
  return (OPTIONAL_MAIL_KINDS as readonly string[]).includes(kind);
}

/** Web Push notifications a mechanic may turn on or off, each on its own. */
export const PUSH_KIND_VALUES = ['new_session', 'quote_decided'] as const;
export type PushKind = (typeof PUSH_KIND_VALUES)[number];

export const PUSH_KINDS = {
  new_session: { label: 'New sessions in the queue' },
  quote_decided: { label: 'A customer decided a quote' },
} as const satisfies Record<PushKind, { label: string }>;

/** A session as an email names it (no links: the mail worker builds them from the app URLs). */
interface SessionMailFacts {
  sessionId: string;
  /** What the customer wrote about the vehicle, shortened (`MAIL_SUMMARY_MAX_LENGTH`). */
  vehicleSummary: string;
}

/** How much of a customer's description an email repeats. */
export const MAIL_SUMMARY_MAX_LENGTH = 140;

/**
 * The data each email's template gets (`mail_outbox.payload`). Amounts in integer cents with
 * their ISO currency; dates as ISO 8601 strings (JSON). Links that carry a one-time token
 * (verification, reset, invitation) are written whole by the API; every other link is built
 * at send time from the ids here.
 */
export interface MailPayloads {
  verify_email: { name: string; url: string };
  reset_password: { name: string; url: string };
  change_email: { name: string; newEmail: string; url: string };
  mechanic_invitation: { name: string; url: string; expiresAt: string };
  session_accepted: SessionMailFacts & { customerName: string; mechanicName: string };
  session_live: SessionMailFacts & { customerName: string; mechanicName: string };
  session_ended: SessionMailFacts & {
    customerName: string;
    mechanicName: string | null;
    startedAt: string | null;
    endedAt: string;
    /** Whole minutes between live and ended; null when it never went live. */
    durationMinutes: number | null;
    messageCount: number;
  };
  session_refund: SessionMailFacts & {
    customerName: string;
    /** A card refund's amount, or null for a credit given back. */
    amountCents: number | null;
    currency: string | null;
    credits: number | null;
  };
  session_payment_receipt: SessionMailFacts & {
    customerName: string;
    amountCents: number;
    currency: string;
    paidAt: string;
    paymentReference: string;
  };
  credit_purchase_receipt: {
    customerName: string;
    purchaseId: string;
    credits: number;
    amountCents: number;
    currency: string;
    paidAt: string;
    paymentReference: string;
  };
  quote_sent: SessionMailFacts & {
    customerName: string;
    mechanicName: string;
    quoteId: string;
    version: number;
    totalCents: number;
    currency: string;
    validUntil: string;
  };
  quote_approved: SessionMailFacts & {
    mechanicName: string;
    customerName: string;
    quoteId: string;
    version: number;
    approvedTotalCents: number;
    currency: string;
  };
}

/** One message to write to the outbox. */
export type MailMessage = {
  [K in MailKind]: {
    kind: K;
    /** The recipient's account (its current address is used unless `toAddress` is given). */
    userId: string;
    /** Only for mail to an address that is not (yet) the account's: a new email address. */
    toAddress?: string;
    payload: MailPayloads[K];
    /** One message per event and recipient; omit for messages that may repeat (a second reset). */
    dedupeKey?: string;
  };
}[MailKind];
