import { ConfigError, loadConfig } from './config.ts';
import { startApiServer } from './server.ts';

// `tsx --conditions=@autodoctor/source apps/api/src/main.ts` (the workspace packages' source: root
// README, "Packages for other services"): one API instance configured by the environment.
try {
  const config = loadConfig(process.env);
  const api = await startApiServer(config);
  const stop = async (signal: string) => {
    process.stderr.write(`${signal}: draining subscriptions and stopping…\n`);
    await api.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Started by a parent with an IPC channel (the local cluster): its going away stops this one.
  if (process.send) process.once('disconnect', () => void stop('parent gone'));
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
