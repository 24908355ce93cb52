import type { MailKind, MailPayloads } from '@autodoctor/session-core/rules';

const sessionId = '3f1c2a9e-5b7d-4c11-9a0e-8d2f6b4c7e10';
const vehicleSummary = '2017 Toyota Corolla: a squeal from the front brakes when stopping';

/** A realistic payload for every kind: the tests and the screenshots render these. */
export const SAMPLE_PAYLOADS: { [K in MailKind]: MailPayloads[K] } = {
  verify_email: { name: 'Alice Martin', url: 'https://app.autodoctor.test/verify-email?token=abc123' },
  reset_password: { name: 'Alice Martin', url: 'https://app.autodoctor.test/reset-password?token=def456' },
  change_email: {
    name: 'Alice Martin',
    newEmail: 'alice.new@example.com',
    url: 'https://app.autodoctor.test/verify-email?token=ghi789',
  },
  mechanic_invitation: {
    name: 'Mike Turner',
    url: 'https://mechanic.autodoctor.test/reset-password?token=jkl012&invited=1',
    expiresAt: '2026-12-14T09:30:00.000Z',
  },
  session_accepted: { sessionId, vehicleSummary, customerName: 'Alice Martin', mechanicName: 'Mike Turner' },
  session_live: { sessionId, vehicleSummary, customerName: 'Alice Martin', mechanicName: 'Mike Turner' },
  session_ended: {
    sessionId,
    vehicleSummary,
    customerName: 'Alice Martin',
    mechanicName: 'Mike Turner',
    startedAt: '2026-12-07T09:02:00.000Z',
    endedAt: '2026-12-07T09:29:00.000Z',
    durationMinutes: 27,
    messageCount: 18,
  },
  session_refund: {
    sessionId,
    vehicleSummary,
    customerName: 'Alice Martin',
    amountCents: 2900,
    currency: 'usd',
    credits: null,
  },
  session_payment_receipt: {
    sessionId,
    vehicleSummary,
    customerName: 'Alice Martin',
    amountCents: 2900,
    currency: 'usd',
    paidAt: '2026-12-07T08:58:00.000Z',
    paymentReference: 'pi_3QxA7b2eZvKYlo2C1x9Yt4Lm',
  },
  credit_purchase_receipt: {
    customerName: 'Alice Martin',
    purchaseId: '7a0d4e2b-1c9f-4b3a-8e6d-2f5c1b0a9d84',
    credits: 5,
    amountCents: 12500,
    currency: 'usd',
    paidAt: '2026-12-07T08:40:00.000Z',
    paymentReference: 'pi_3QxA1c2eZvKYlo2C0k3Pq8Rs',
  },
  quote_sent: {
    sessionId,
    vehicleSummary,
    customerName: 'Alice Martin',
    mechanicName: 'Mike Turner',
    quoteId: 'b2c4d6e8-0a1b-4c3d-9e5f-7a8b9c0d1e2f',
    version: 2,
    totalCents: 38450,
    currency: 'usd',
    validUntil: '2026-12-21T09:30:00.000Z',
  },
  quote_approved: {
    sessionId,
    vehicleSummary,
    mechanicName: 'Mike Turner',
    customerName: 'Alice Martin',
    quoteId: 'b2c4d6e8-0a1b-4c3d-9e5f-7a8b9c0d1e2f',
    version: 2,
    approvedTotalCents: 31200,
    currency: 'usd',
  },
};
