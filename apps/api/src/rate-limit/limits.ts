import { TRPCError } from '@trpc/server';
import type { ApiServices, TRPCContext } from '../trpc/context.ts';
import { RateLimitedError } from './rate-limiter.ts';
import { checkSignIn, clientAddressOf } from './sign-in-throttle.ts';

const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

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
 * Sessions started per customer and per address (RATE_LIMIT_INTAKE_PER_*):
 * TOO_MANY_REQUESTS (429, Retry-After) over either.
 */
export async function limitIntake(
  ctx: Pick<TRPCContext, 'rateLimiter' | 'clientAddress'> & { userId: string },
) {
  const { rateLimiter } = ctx;
  const { intakePerAccount, intakePerIp } = rateLimiter.rules;
  try {
    await rateLimiter.consume(
      `intake:account:${ctx.userId}`,
      intakePerAccount,
      `Too many sessions started: at most ${intakePerAccount.max} in ${minutes(intakePerAccount.windowSeconds)}`,
    );
    await rateLimiter.consume(
      `intake:ip:${ctx.clientAddress ?? 'unknown'}`,
      intakePerIp,
      `Too many sessions started from this address: at most ${intakePerIp.max} in ${minutes(intakePerIp.windowSeconds)}`,
    );
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
    }
    throw error;
  }
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
