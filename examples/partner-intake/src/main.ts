// The service's entry point: `npm start` (settings from the environment, README "Settings").
import { startPartnerIntake } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

try {
  const service = await startPartnerIntake(loadConfig());
  console.log(`partner-intake listening on ${service.url} (database schema ${service.schemaVersion.state})`);
  const stop = () => {
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  // A missing setting, or a database whose schema is behind the installed packages (SchemaBehindError).
  console.error(`partner-intake did not start: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof ConfigError)) console.error(error);
  process.exit(1);
}
