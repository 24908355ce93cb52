/**
 * @autodoctor/api: the AutoDoctor API server. Apps import only the router's
 * type (`@autodoctor/api/router`). What starts the product (orchestration/)
 * uses startApiServer, `./main` for instances as processes, and the test and
 * bench kits (`./testing/*`, `./bench/*`).
 * @module
 */
export { startApiServer, type ApiServer } from './server.ts';
export { loadConfig, ConfigError, configSchema, type ApiConfig, type ApiConfigInput } from './config.ts';
export { createAccount, ensurePasswordLogin, type NewAccount } from './auth/accounts.ts';
// session-core's, where the domain errors live; re-exported for the callers of createAccount.
export { AccountExistsError } from '@autodoctor/session-core';
export {
  inviteMechanic,
  MECHANIC_INVITATION_SECONDS,
  type MechanicInvitation,
} from './auth/invite-mechanic.ts';
// Webhook endpoints (the CLI and the partner example's checks register them).
export {
  registerWebhookEndpoint,
  listWebhookEndpoints,
  type WebhookEndpointSummary,
} from './webhooks/webhook-endpoints.ts';
export { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from './stripe/stripe-client.ts';
export { createTRPCContext, type ApiServices, type SessionUser } from './trpc/context.ts';
export { createCallerFactory } from './trpc/init.ts';
export { appRouter, type AppRouter } from './router.ts';
// For the through-nginx tests and bench:load (orchestration/cluster), which check what these shape.
export { BODY_LIMITS } from './http/body-limits.ts';
export { toQueueFeedEvent } from './realtime/queue-feed.ts';
