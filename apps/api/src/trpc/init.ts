import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { TRPCContext } from './context.ts';
import { appErrorDetails, toTRPCError } from './errors.ts';

/**
 * Server-sent events: a ping every 2 s keeps idle streams open through proxies;
 * clients reconnect (with their lastEventId) after 5 s without one.
 */
export const SSE_OPTIONS = {
  ping: { enabled: true, intervalMs: 2_000 },
  client: { reconnectAfterInactivityMs: 5_000 },
} as const;

const t = initTRPC.context<TRPCContext>().create({
  // Dates stay Dates on the client.
  transformer: superjson,
  sse: SSE_OPTIONS,
  // Stacks never reach a client (errorFormatter); without this, every refused call formatted one.
  isDev: false,
  errorFormatter({ shape, error }) {
    // A server error's own message may quote SQL or data: clients get a generic one (it is logged).
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        // Never leak internals of a server error to clients.
        stack: undefined,
        ...appErrorDetails(error.cause),
        zodIssues:
          error.code === 'BAD_REQUEST' && error.cause instanceof z.ZodError ? error.cause.issues : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns session-core's typed errors into tRPC codes and logs the unexpected ones. */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError) throw mapped;
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error(
        { err: result.error.cause ?? result.error, path, requestId: ctx.requestId },
        'procedure failed',
      );
    }
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorMapping);

/** Any signed-in user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { user: ctx.user } });
});

/** Signed-in customers only. */
export const customerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'customer') throw new TRPCError({ code: 'FORBIDDEN', message: 'For customers only' });
  return next({ ctx: { user: { ...ctx.user, role: 'customer' as const } } });
});

/** Signed-in mechanics only. */
export const mechanicProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'mechanic') throw new TRPCError({ code: 'FORBIDDEN', message: 'For mechanics only' });
  return next({ ctx: { user: { ...ctx.user, role: 'mechanic' as const } } });
});
