import type { ApiServices } from '../trpc/context.ts';
import { minutes } from './rate-limiter.ts';
import { checkSignIn, clientAddressOf } from './sign-in-throttle.ts';

/**
 * Sign-in throttling (sign-in-throttle.ts), beside better-auth's limit per address: attempts per
 * (address, account) pair, and a growing delay for the addresses that failed at an account under
 * attack; never a lock a stranger can put on someone else's account.
 *
 * @throws {RateLimitedError} over RATE_LIMIT_SIGN_IN_PER_IP_ACCOUNT, or while this address waits
 */
export async function limitSignInPerAccount(services: ApiServices, request: Request): Promise<void> {
  if (!services.rateLimiter.rules.enabled || request.method !== 'POST') return;
  if (!new URL(request.url).pathname.endsWith('/api/auth/sign-in/email')) return;
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => undefined);
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || email.length > 320) return; // refused later as invalid input
  await checkSignIn(services, email, clientAddressOf(request));
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
