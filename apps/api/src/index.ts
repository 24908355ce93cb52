/**
 * @autodoctor/api: the AutoDoctor API server. Apps import only the router's
 * type (`@autodoctor/api/router`); tooling starts servers with startApiServer.
 * @module
 */
export { startApiServer, type ApiServer } from './server.ts';
export {
  startLocalCluster,
  NginxMissingError,
  type LocalCluster,
  type ClusterInstance,
} from './cluster/local-cluster.ts';
export { loadConfig, ConfigError, configSchema, type ApiConfig, type ApiConfigInput } from './config.ts';
export { createAccount, ensurePasswordLogin, AccountExistsError, type NewAccount } from './auth/accounts.ts';
export { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from './stripe/stripe-client.ts';
export { createTRPCContext, type ApiServices, type SessionUser } from './trpc/context.ts';
export { createCallerFactory } from './trpc/init.ts';
export { appRouter, type AppRouter } from './router.ts';
