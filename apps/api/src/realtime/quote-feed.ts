import { QUOTE_EVENT_TYPES, type FeedEvent, type QuoteEventType } from '@autodoctor/session-core';
import { perEvent } from './per-event.ts';

/** What a customer's dashboard receives: a quote of one of their sessions moved (sent, decided, withdrawn). */
export interface QuoteFeedEvent {
  sessionId: string;
  quoteId: string;
  type: QuoteEventType;
}

const isQuoteEvent = (type: string): type is QuoteEventType =>
  (QUOTE_EVENT_TYPES as readonly string[]).includes(type);

/** The quote feed's view of a session event, or undefined when it is no quote event. */
export const toQuoteFeedEvent = perEvent((event: FeedEvent): QuoteFeedEvent | undefined =>
  isQuoteEvent(event.type) && event.quoteId
    ? { sessionId: event.sessionId, quoteId: event.quoteId, type: event.type }
    : undefined,
);
