import { queryOptions } from '@tanstack/react-query';
import { createAuthClient } from 'better-auth/client';

// Same origin: the app's server forwards /api/auth to the API (first-party cookies).
export const authClient = createAuthClient({ basePath: '/api/auth' });

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
}

/** Who is signed in (null: nobody). Read once per load, then kept until sign-in or sign-out. */
export const authSessionQuery = queryOptions({
  queryKey: ['auth', 'session'],
  queryFn: async (): Promise<SignedInUser | null> => {
    const { data, error } = await authClient.getSession();
    if (error) throw new Error(error.message ?? 'Could not check your sign-in');
    return data ? { id: data.user.id, name: data.user.name, email: data.user.email } : null;
  },
  staleTime: Infinity,
});

/** better-auth's error codes, in words a customer understands. */
export function authErrorMessage(error: { code?: string | undefined; message?: string | undefined }): string {
  switch (error.code) {
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
    default:
      return error.message || 'Could not reach AutoDoctor. Check your connection and try again.';
  }
}
