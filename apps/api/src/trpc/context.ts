import type { Database } from '@autodoctor/db';
import type Stripe from 'stripe';
import type { Auth } from '../auth/auth.ts';
import type { ApiConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { EventHub } from '../realtime/event-hub.ts';
import type { RefundWorker } from '../stripe/refund-worker.ts';

/** Everything a procedure may use; built once per API instance. */
export interface ApiServices {
  config: ApiConfig;
  /** Where browsers reach this API. */
  publicUrl: string;
  db: Database;
  auth: Auth;
  stripe: Stripe;
  hub: EventHub;
  refunds: RefundWorker;
  log: Logger;
}

/** The signed-in user, as procedures see it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'mechanic';
}

/**
 * The context of one call: the services and who is calling. Built from the
 * request headers (the better-auth cookie), so tests can build it without HTTP.
 */
export async function createTRPCContext(options: { services: ApiServices; headers: Headers }) {
  const { services, headers } = options;
  const session = await services.auth.api.getSession({ headers });
  const user: SessionUser | null = session
    ? {
        id: session.user.id,
        email: session.user.email,
        name: session.user.name,
        role: session.user.role === 'mechanic' ? 'mechanic' : 'customer',
      }
    : null;
  return { ...services, user, requestId: headers.get('x-request-id') ?? undefined };
}

export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;
