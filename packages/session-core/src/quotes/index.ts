export {
  listOpenQuotes,
  listSessionQuotes,
  QUOTE_READ_LIMIT,
  type QuoteLineView,
  type QuoteView,
} from './quote-view.ts';
export {
  deleteQuoteDraft,
  reviseQuote,
  saveQuoteDraft,
  sendQuote,
  withdrawQuote,
  type SaveQuoteDraftInput,
} from './quote-writes.ts';
export { decideQuote, DECISIONS_MAX, USER_AGENT_MAX_CHARS, type DecideQuoteInput } from './decide-quote.ts';
export { expireQuotes } from './expire-quotes.ts';
