import type { ApiServices } from '../trpc/context.ts';

/** A rule's window as its messages say it: `10 min`, `90 s`. */
export const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

/**
 * Sign-in attempts per account (the email), beside better-auth's per address:
 * guessing one account's password from many addresses is held back too.
 *
 * @throws {RateLimitedError} over RATE_LIMIT_SIGN_IN_PER_ACCOUNT
 */
export async function limitSignInPerAccount(services: ApiServices, request: Request): Promise<void> {
  const { rateLimiter } = services;
  if (!rateLimiter.rules.enabled || request.method !== 'POST') return;
  if (!new URL(request.url).pathname.endsWith('/api/auth/sign-in/email')) return;
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => undefined);
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || email.length > 320) return; // refused later as invalid input
  const rule = rateLimiter.rules.signInPerAccount;
  await rateLimiter.consume(
    `sign-in:account:${email.trim().toLowerCase()}`,
    rule,
    `Too many sign-in attempts for this account: at most ${rule.max} in ${minutes(rule.windowSeconds)}`,
  );
}

/**
 * Photo uploads per account (RATE_LIMIT_PHOTO_UPLOAD_PER_ACCOUNT): each is decoded and re-encoded.
 *
 * @throws {RateLimitedError} over the limit (the photo routes answer 429 with Retry-After)
 */
export async function limitPhotoUploads(services: Pick<ApiServices, 'rateLimiter'>, userId: string) {
  const rule = services.rateLimiter.rules.photoUploadPerAccount;
  await services.rateLimiter.consume(
    `photo-upload:account:${userId}`,
    rule,
    `Too many photos uploaded: at most ${rule.max} in ${minutes(rule.windowSeconds)}`,
  );
}
