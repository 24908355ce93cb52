/** What stripe@23.1.0 pins (its ApiVersion); used when a request names no Stripe-Version. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';
