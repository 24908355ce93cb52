import { apiErrorInfo, type AppErrorCode } from '@autodoctor/api-client/api-error';

/** The quote refusals a mechanic can meet, in their words (the API's own message for anything else). */
export const QUOTE_REFUSAL_MESSAGE = {
  QUOTE_NOT_FOUND: 'This quote is no longer there (it may have been deleted in another tab).',
  SESSION_NOT_QUOTABLE:
    'You can write quotes only for your own sessions while they are live or within 14 days after they end.',
  QUOTE_NOT_A_DRAFT:
    'This version was already sent, so it cannot change any more. Revise it to write a new version.',
  QUOTE_CLOSED: 'The customer has already decided on this quote, or it was withdrawn or replaced.',
  QUOTE_EXPIRED: 'This quote is past its valid-until date. Revise it to send a new version.',
  QUOTE_LINES_MISMATCH: 'The quote’s lines changed meanwhile. Reload the page and try again.',
} as const satisfies Record<QuoteRefusalCode, string>;

/** Every refusal of the quote procedures' own: a new QUOTE_ code fails typecheck until it has words here. */
export type QuoteRefusalCode = Extract<AppErrorCode, `QUOTE_${string}` | 'SESSION_NOT_QUOTABLE'>;

/** What to tell the mechanic when a quote action was refused. */
export function quoteRefusalMessage(error: unknown): string {
  const info = apiErrorInfo(error);
  if (info.appCode && Object.hasOwn(QUOTE_REFUSAL_MESSAGE, info.appCode)) {
    return QUOTE_REFUSAL_MESSAGE[info.appCode as QuoteRefusalCode];
  }
  return info.message;
}

/** The API's field errors (zod issues of the input), if the refusal was one. */
export function inputIssuesOf(error: unknown): { path: PropertyKey[]; message: string }[] {
  const info = apiErrorInfo(error);
  const issues = (error as { data?: { zodIssues?: { path: PropertyKey[]; message: string }[] | null } }).data
    ?.zodIssues;
  return info.code === 'BAD_REQUEST' && issues ? issues : [];
}
