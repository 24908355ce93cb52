import { authSessions, users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { signInSchema, signUpSchema } from '@autodoctor/session-core/rules';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.ts';
import { clientAppOf, ROLE_OF_APP, type ClientApp } from '../auth/client-apps.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { clientAddressOf, recordSignIn } from '../rate-limit/sign-in-throttle.ts';
import type { ApiServices } from '../trpc/context.ts';

/** No account form needs more: a larger body is refused before anything reads it. */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

const url = z.string().max(2048);
// better-auth's own optional fields, bounded too; anything else it ignores or refuses itself.
const signUpBody = z.object({
  ...signUpSchema.shape,
  image: url.nullish(),
  callbackURL: url.optional(),
  rememberMe: z.boolean().optional(),
});
const signInBody = z.object({
  ...signInSchema.shape,
  callbackURL: url.optional(),
  rememberMe: z.boolean().optional(),
});
const updateUserBody = z.object({ name: z.optional(signUpSchema.shape.name), image: url.nullish() });

/** The fields each endpoint takes from a form, checked before better-auth sees them. */
const CHECKED = {
  '/sign-up/email': signUpBody,
  '/sign-in/email': signInBody,
  '/update-user': updateUserBody,
} as const;

const WRONG_APP_MESSAGE: Record<ClientApp, string> = {
  mechanic: 'This is the mechanic app: customer accounts sign in at the customer app',
  customer: 'This is the customer app: mechanic accounts sign in at the mechanic app',
  ops: 'This is the operations console: only operator accounts sign in here',
};

const ACCOUNT_DISABLED_MESSAGE =
  'This account has been disabled by AutoDoctor operations. Contact support if you think this is a mistake.';

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/**
 * `/api/auth/*`: better-auth, with the instance (cookie prefix) of the app the
 * request comes through, and three rules of ours around it:
 *
 * - sign-up, sign-in and update-user bodies are checked with session-core's
 *   account schemas (and bodies over 16 KB refused): 400 with a message, nothing
 *   created;
 * - sign-up through the mechanic app is refused (403): mechanics are made by
 *   `pnpm mechanic:create`;
 * - a sign-in through one app with the other role's account is refused (403 WRONG_APP), and a
 *   sign-in of an account an operator disabled (403 ACCOUNT_DISABLED): its new session deleted
 *   and no cookie set.
 */
export async function handleAuthRequest(services: ApiServices, c: Context): Promise<Response> {
  const request = c.req.raw;
  const app = clientAppOf(request.headers);
  const { auth, sessions } = services.authByApp.of(app);
  // better-auth trusts a session's signed copy for five minutes, revoked or not: it must look up a
  // revoked one (get-session then says signed out; update-user and the rest refuse).
  await sessions.dropRevokedCookieCache(request.headers);
  const endpoint = c.req.path.slice('/api/auth'.length) as keyof typeof CHECKED;
  if (request.method === 'POST' && c.req.path === '/api/auth/sign-out') {
    return signOut(services, sessions, auth, request);
  }
  if (request.method !== 'POST' || !(endpoint in CHECKED)) return auth.handler(request);

  // Only customers sign up; mechanics and operators are made by a CLI (or invited).
  if (app && ROLE_OF_APP[app] !== 'customer' && endpoint === '/sign-up/email') {
    const who = ROLE_OF_APP[app] === 'mechanic' ? 'Mechanic' : 'Operator';
    return json(403, {
      code: 'SIGN_UP_NOT_ALLOWED',
      message: `${who} accounts cannot sign up: ask for one to be made for you`,
    });
  }
  const raw = await request.text();
  if (raw.length > AUTH_BODY_LIMIT_BYTES) {
    return json(413, { code: 'BODY_TOO_LARGE', message: 'Request body too large' });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { code: 'INVALID_INPUT', message: 'Send the form as JSON' });
  }
  const checked = CHECKED[endpoint].safeParse(body);
  if (!checked.success) {
    return json(400, {
      code: 'INVALID_INPUT',
      message: checked.error.issues[0]?.message ?? 'Invalid input',
      issues: checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  // better-auth gets the body as checked (the name trimmed), otherwise as sent.
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  const forwarded = new Request(request.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...(body as object), ...checked.data }),
  });
  const response = await auth.handler(forwarded);
  if (endpoint !== '/sign-in/email') return response;
  const { email } = checked.data as z.output<typeof signInBody>;
  // 401 is better-auth's answer to a wrong email or password (INVALID_EMAIL_OR_PASSWORD).
  if (response.ok || response.status === 401) {
    await recordSignIn(
      services,
      email,
      clientAddressOf(request),
      response.ok ? 'signed-in' : 'wrong-password',
    );
  }
  if (!response.ok) return response;

  const signedIn = (await response.clone().json()) as { token?: unknown; user?: { id?: unknown } };
  const userId = typeof signedIn.user?.id === 'string' ? signedIn.user.id : undefined;
  // FOR SHARE, after the session exists: a disable racing this sign-in either ended that session
  // already (it deletes every sign-in) or is waited for here and read as disabled.
  const [user] = userId
    ? await services.db
        .select({ role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, userId))
        .for('share')
    : [];
  const rightApp = !app || user?.role === ROLE_OF_APP[app];
  if (user && rightApp && !user.disabledAt) return response;
  // The wrong app for this account, or a disabled one: the session better-auth just made goes, its
  // cookie never leaves.
  if (typeof signedIn.token === 'string') {
    await services.db.delete(authSessions).where(eq(authSessions.token, signedIn.token));
  }
  if (user?.disabledAt) return json(403, { code: 'ACCOUNT_DISABLED', message: ACCOUNT_DISABLED_MESSAGE });
  return json(403, { code: 'WRONG_APP', message: app ? WRONG_APP_MESSAGE[app] : 'No such account' });
}

/**
 * better-auth's sign-out deletes the session (a trigger revokes and announces it); the answer
 * waits until this instance has heard that announcement, which every instance is sent at the
 * same commit: a copy of the cookie is refused from the next request on, wherever it goes.
 */
async function signOut(services: ApiServices, sessions: SessionCache, auth: Auth, request: Request) {
  const session = await sessions.sessionOf(request.headers);
  const heard = session && services.authByApp.revocations.heard('token', session.tokenDigest);
  const response = await auth.handler(request);
  if (heard && response.ok) await heard;
  return response;
}
