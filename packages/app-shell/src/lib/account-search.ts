// The account pages' addresses, read by the routes' `validateSearch` (in the apps' entry: nothing of
// the pages themselves) and by the pages.

/** `/reset-password?token=…[&invited=1]`: a reset link, or a mechanic's invitation. */
export interface ResetPasswordSearch {
  token?: string;
  invited?: boolean;
}

export function parseResetPasswordSearch(search: Record<string, unknown>): ResetPasswordSearch {
  return {
    ...(typeof search.token === 'string' && search.token ? { token: search.token } : {}),
    ...(search.invited === 1 || search.invited === '1' || search.invited === true ? { invited: true } : {}),
  };
}

/** `/email-verified[?error=CODE]`: where better-auth sends a verification link's opener. */
export interface EmailVerifiedSearch {
  error?: string;
}

export function parseEmailVerifiedSearch(search: Record<string, unknown>): EmailVerifiedSearch {
  return typeof search.error === 'string' && search.error ? { error: search.error } : {};
}

/** `/unsubscribe?token=…`: the token of an optional email's unsubscribe link. */
export interface UnsubscribeSearch {
  token?: string;
}

export function parseUnsubscribeSearch(search: Record<string, unknown>): UnsubscribeSearch {
  return typeof search.token === 'string' && search.token ? { token: search.token } : {};
}
