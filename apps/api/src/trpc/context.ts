import type { Database } from '@autodoctor/db';
import { TRPCError } from '@trpc/server';
import type Stripe from 'stripe';
import type { Auth } from '../auth/auth.ts';
import type { AuthByApp } from '../auth/client-apps.ts';
import type { SessionCache, SessionUser } from '../auth/session-cache.ts';
import type { ApiConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { CLIENT_ADDRESS_HEADER, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { EventHub } from '../realtime/event-hub.ts';
import type { WebPush } from '../push/web-push.ts';
import type { MechanicsOnline } from '../realtime/mechanics-online.ts';
import type { RoomHub } from '../realtime/room-hub.ts';
import type { TypingSignals } from '../realtime/typing-signals.ts';
import type { RefundWorker } from '../stripe/refund-worker.ts';
import { toTRPCError } from './errors.ts';

/** Everything a procedure may use; built once per API instance. */
export interface ApiServices {
  config: ApiConfig;
  /** Where browsers reach this API. */
  publicUrl: string;
  db: Database;
  auth: Auth;
  /** Who a request's cookies belong to (better-auth, briefly remembered). */
  sessions: SessionCache;
  /** better-auth per web app (its own cookie prefix); `auth` / `sessions` are its default (no app header). */
  authByApp: AuthByApp;
  stripe: Stripe;
  hub: EventHub;
  /** Session rooms' entries, for the room feeds of this instance. */
  roomHub: RoomHub;
  /** Typing indicators, across instances. */
  typing: TypingSignals;
  /** The mechanics-online count pushed to customers, across instances. */
  mechanicsOnline: MechanicsOnline;
  refunds: RefundWorker;
  log: Logger;
  metrics: Metrics;
  /** Rate limits beyond better-auth's (intake, sign-in per account), in the same table. */
  rateLimiter: RateLimiter;
  /** Web Push to mechanics; null without VAPID keys (push off). */
  push: WebPush | null;
}

export type { SessionUser };

/**
 * The context of one call: the services and who is calling. Built from the
 * request headers (the better-auth cookie), so tests can build it without HTTP;
 * `requestId`, the HTTP app's id of the request (logged with the call's errors).
 */
export async function createTRPCContext(options: {
  services: ApiServices;
  headers: Headers;
  requestId?: string;
}) {
  const { services, headers } = options;
  // The app's own cookies (x-autodoctor-app), else the default ones. Who is calling may need the
  // database: out of reach, that is a 503 like any other query's.
  const user = await services.authByApp
    .forRequest(headers)
    .sessions.userOf(headers)
    .catch((error: unknown) => {
      const mapped = toTRPCError(error);
      throw mapped instanceof TRPCError ? mapped : error;
    });
  return {
    ...services,
    user,
    requestId: options.requestId,
    /** Set by the HTTP app from the connection (or the trusted proxy), never by the client. */
    clientAddress: headers.get(CLIENT_ADDRESS_HEADER) ?? undefined,
    /** The client's own words (recorded with a quote decision, never trusted for anything). */
    userAgent: headers.get('user-agent') ?? undefined,
  };
}

export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

/**
 * The context of a procedure behind `protectedProcedure` (any role), `customerProcedure`
 * (`AuthedContext<'customer'>`) or `mechanicProcedure`: the caller is signed in. Handlers take this.
 */
export type AuthedContext<Role extends SessionUser['role'] = SessionUser['role']> = TRPCContext & {
  user: SessionUser & { role: Role };
};
