import type { RouterOutputs } from '../../app/trpc.ts';

/** One version of a quote, as `mechanic.sessionQuotes` answers (session-core's QuoteView). */
export type QuoteView = RouterOutputs['mechanic']['sessionQuotes'][number];
