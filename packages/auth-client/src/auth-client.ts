import { hashKey, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { authClient } from './better-auth-client.ts';

/** better-auth's client, for signing in, up and out (a chunk of its own). */
export async function loadAuthClient() {
  const { authClient } = await import('./better-auth-client.ts');
  return authClient;
}

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  /** False until the person opens the link of the verification email (the apps show a banner). */
  emailVerified: boolean;
}

/** Who is signed in (null: nobody). Read once per load, then kept until sign-in or sign-out. */
export const authSessionQuery = queryOptions({
  queryKey: ['auth', 'session'],
  // better-auth's own endpoint, read without its client so that the first screen needs none of it.
  queryFn: async ({ signal }): Promise<SignedInUser | null> => {
    const response = await fetch('/api/auth/get-session', { credentials: 'same-origin', signal });
    if (!response.ok) throw new Error(`Could not check your sign-in (${response.status})`);
    const body = (await response.json()) as { user: SignedInUser } | null;
    return body
      ? {
          id: body.user.id,
          name: body.user.name,
          email: body.user.email,
          emailVerified: body.user.emailVerified,
        }
      : null;
  },
  staleTime: Infinity,
});

/**
 * The `meta` of a mutation that ends every sign-in of the account (deleting it): while it is on its
 * way, no query asks (a live event it causes would refetch into a 401 once the sign-in is gone).
 */
export const ENDS_SIGN_IN_META = { endsSignIn: true } as const;

/**
 * Every other query of `queryClient` waits for a known signed-in user: nothing that needs one is
 * asked for nobody (a 401, and an error in the console, on a signed-out screen or on the way out
 * after a sign-out or during an ENDS_SIGN_IN_META mutation). Returns the client.
 */
export function onlyWhileSignedIn(queryClient: QueryClient): QueryClient {
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({
    ...defaults,
    queries: {
      ...defaults.queries,
      enabled: (query) =>
        query.queryHash === authSessionQueryHash ||
        (Boolean(queryClient.getQueryData(authSessionQuery.queryKey)) &&
          queryClient.isMutating({ predicate: (mutation) => mutation.meta?.endsSignIn === true }) === 0),
    },
  });
  return queryClient;
}

const authSessionQueryHash = hashKey(authSessionQuery.queryKey);

/** better-auth's error codes (its own list, typed: a misspelt case fails typecheck). */
type AuthErrorCode = keyof typeof authClient.$ERROR_CODES;

/**
 * The codes the account forms (sign-in, sign-up, reset, change password or email, sign-ins) can
 * cause, in words a customer understands; any other code (better-auth has dozens) keeps
 * better-auth's own message.
 */
export function authErrorMessage(error: {
  code?: string | undefined;
  message?: string | undefined;
  status?: number | undefined;
}): string {
  // better-auth's per-address limiter answers 429 without a code.
  if (error.status === 429) return TOO_MANY_REQUESTS_MESSAGE;
  switch (error.code as AuthErrorCode | undefined) {
    case 'INVALID_EMAIL_OR_PASSWORD':
      return 'Wrong email or password.';
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return 'An account with this email already exists. Sign in instead.';
    case 'PASSWORD_TOO_SHORT':
      return 'That password is too short: use at least 8 characters.';
    case 'PASSWORD_TOO_LONG':
      return 'That password is too long: use at most 128 characters.';
    case 'INVALID_EMAIL':
      return 'Enter a valid email address.';
    case 'INVALID_PASSWORD':
      return 'Your current password is wrong.';
    case 'INVALID_TOKEN':
    case 'TOKEN_EXPIRED':
      return 'This link has expired or was already used.';
    case 'SESSION_EXPIRED':
    case 'SESSION_NOT_FRESH':
      return 'For your security, sign out and sign in again, then try once more.';
    case 'EMAIL_ALREADY_VERIFIED':
      return 'Your email address is already confirmed.';
    default:
      return error.message || 'Could not reach AutoDoctor. Check your connection and try again.';
  }
}

/** What a form says when better-auth's limiter refused the call (HTTP 429). */
export const TOO_MANY_REQUESTS_MESSAGE =
  'Too many tries in a short time. Wait a few minutes, then try again.';
