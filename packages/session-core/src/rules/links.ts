/**
 * Paths of the customer and mechanic apps that other places link to (emails, the history lists):
 * written once so that a link and its route cannot drift apart.
 */

/** A session's page, the same path in both apps (quotes are shown there too). */
export function sessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

/** What a receipt is for: a session paid by card, or a pack of credits bought. */
export const RECEIPT_KIND_VALUES = ['card_payment', 'credit_purchase'] as const;
export type ReceiptKind = (typeof RECEIPT_KIND_VALUES)[number];

/**
 * A receipt's page in the customer app. A card payment's receipt is named by its session (one
 * card payment per session), a credit purchase's by the purchase.
 */
export function receiptPath(kind: ReceiptKind, id: string): string {
  return `/account/receipts/${kind}/${encodeURIComponent(id)}`;
}
