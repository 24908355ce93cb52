import { initTRPC, TRPCError } from '@trpc/server';
import { limitCall } from '../rate-limit/procedure-limits.ts';
import type { SessionUser, TRPCContext } from './context.ts';
import { appErrorDetails, toTRPCError } from './errors.ts';
import { clientMessageOf, inputCheckingTransformer, isZodError } from './malformed-input.ts';

/**
 * Server-sent events: a ping every 2 s keeps idle streams open through proxies;
 * clients reconnect (with their lastEventId) after 5 s without one.
 */
export const SSE_OPTIONS = {
  ping: { enabled: true, intervalMs: 2_000 },
  client: { reconnectAfterInactivityMs: 5_000 },
} as const;

/** Who may call a procedure (set by the procedure builders below; the security suites read it off the router). */
export interface ProcedureMeta {
  access: 'public' | 'signedIn' | 'participant' | SessionUser['role'];
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    // Dates stay Dates on the client; malformed inputs are refused in our words (malformed-input.ts).
    transformer: inputCheckingTransformer,
    sse: SSE_OPTIONS,
    // Stacks never reach a client (errorFormatter); without this, every refused call formatted one.
    isDev: false,
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        message: clientMessageOf(error),
        data: {
          ...shape.data,
          // Never leak internals of a server error to clients.
          stack: undefined,
          ...appErrorDetails(error.cause),
          zodIssues: error.code === 'BAD_REQUEST' && isZodError(error.cause) ? error.cause.issues : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

type MiddlewareResult = { ok: boolean; error?: TRPCError };

/** Turns session-core's typed errors into tRPC codes and logs the unexpected ones. */
function mapErrors<R extends MiddlewareResult>(result: R, ctx: TRPCContext, path: string): R {
  if (!result.ok && result.error) {
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
}

/** Anyone, signed in or not (within the procedure's rate limits, as below). */
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(async ({ ctx, next, path }) => {
  await limitCall(ctx, path, ctx.user?.id);
  return mapErrors(await next(), ctx, path);
});

/**
 * A signed-in user (of one of `roles`, when given), within the procedure's rate limits (PROCEDURE_LIMITS,
 * counted per call, each call of a batch too). One middleware with the error mapping: each level of
 * tRPC middleware copies the call's options and context (about 20 keys) once more per call.
 */
function signedIn<Role extends SessionUser['role']>(...roles: Role[]) {
  return t.middleware(async ({ ctx, next, path }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    if (roles.length > 0 && !roles.includes(ctx.user.role as Role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `For ${roles.join('s and ')}s only` });
    }
    await limitCall(ctx, path, ctx.user.id);
    const user = ctx.user as SessionUser & { role: Role };
    return mapErrors(await next({ ctx: { user } }), ctx, path);
  });
}

/** Any signed-in user. */
export const protectedProcedure = t.procedure.meta({ access: 'signedIn' }).use(signedIn());

/** The people of a session (its customer or mechanic): the room and a session's own feeds. */
export const participantProcedure = t.procedure
  .meta({ access: 'participant' })
  .use(signedIn('customer', 'mechanic'));

/** Signed-in customers only. */
export const customerProcedure = t.procedure.meta({ access: 'customer' }).use(signedIn('customer'));

/** Signed-in mechanics only. */
export const mechanicProcedure = t.procedure.meta({ access: 'mechanic' }).use(signedIn('mechanic'));

/** Signed-in operators only (the operations console). */
export const operatorProcedure = t.procedure.meta({ access: 'operator' }).use(signedIn('operator'));
