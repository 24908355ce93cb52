import { authErrorMessage, loadAuthClient } from './auth-client.ts';

/** What an account action answers a form: no error on success, else the words to show and the code. */
export interface ActionResult {
  error: string | null;
  /** better-auth's error code, when it gave one (e.g. INVALID_TOKEN). */
  code?: string | undefined;
}

type AuthError = Parameters<typeof authErrorMessage>[0];

/** better-auth's answer `{ error }` as a form shows it (and a failed request as "could not reach"). */
async function run(call: () => Promise<{ error: AuthError | null }>): Promise<ActionResult> {
  try {
    const { error } = await call();
    return error ? { error: authErrorMessage(error), code: error.code } : { error: null };
  } catch {
    return { error: authErrorMessage({}) };
  }
}

/** The app's own address of a page, for links better-auth sends or redirects to. */
export function appUrl(path: string): string {
  return new URL(path, window.location.origin).href;
}

/**
 * The account actions of better-auth the forms call, each answering `ActionResult`. The forms take
 * them as props (these by default), so that component tests give their own.
 */
export const accountActions = {
  requestPasswordReset: (email: string) =>
    run(async () =>
      (await loadAuthClient()).requestPasswordReset({ email, redirectTo: appUrl('/reset-password') }),
    ),
  resetPassword: (token: string, newPassword: string) =>
    run(async () => (await loadAuthClient()).resetPassword({ token, newPassword })),
  changePassword: (input: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) =>
    run(async () => (await loadAuthClient()).changePassword(input)),
  changeEmail: (newEmail: string) =>
    run(async () =>
      (await loadAuthClient()).changeEmail({ newEmail, callbackURL: appUrl('/email-verified') }),
    ),
  sendVerificationEmail: (email: string) =>
    run(async () =>
      (await loadAuthClient()).sendVerificationEmail({ email, callbackURL: appUrl('/email-verified') }),
    ),
};
export type AccountActions = typeof accountActions;
