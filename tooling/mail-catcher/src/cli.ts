// The catcher as a process: `tsx tooling/mail-catcher/src/cli.ts [--smtp-port 1025] [--http-port 1080]`, until Ctrl-C.
import { parseArgs } from 'node:util';
import { startMailCatcher } from './catcher.ts';

const USAGE = `Usage: tsx tooling/mail-catcher/src/cli.ts [options]

  --smtp-port <n>   SMTP port (default 1025; 0 picks a free one)
  --http-port <n>   web inbox port (default 1080; 0 picks a free one)
  --host <address>  address of both (default 127.0.0.1)
  --help            this text`;

function port(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65_535)
    throw new Error(`--${flag} must be a port number, not ${value}`);
  return Number(value);
}

let options: { smtpPort: number; httpPort: number; host: string };
try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      'smtp-port': { type: 'string' },
      'http-port': { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  options = {
    smtpPort: port('smtp-port', values['smtp-port'], 1025),
    httpPort: port('http-port', values['http-port'], 1080),
    host: values.host ?? '127.0.0.1',
  };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
}

const catcher = await startMailCatcher(options);
console.log(
  `Mail catcher: SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl} (JSON: ${catcher.inboxUrl}/api/messages)`,
);
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await catcher.close();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
