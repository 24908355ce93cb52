// The emulator as a process: `tsx tooling/stripe-emulator/src/cli.ts --port 12111 \
//   --webhook http://127.0.0.1:3000/webhooks/stripe --secret whsec_…`, until Ctrl-C.
import { parseCliArgs, USAGE, type CliOptions } from './cli-args.ts';
import { startStripeEmulator } from './emulator.ts';

let options: CliOptions;
try {
  options = parseCliArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const emulator = await startStripeEmulator({ ...options, log: (line) => console.log(line) });
const { host, port } = emulator.stripeConfig;
console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(`  new Stripe('sk_test_…', { host: '${host}', port: ${port}, protocol: 'http' })`);
for (const { url, secret } of options.webhooks ?? []) {
  console.log(
    `  webhooks → ${url} (signing secret ${secret}${options.generatedSecret ? ', generated' : ''})`,
  );
}
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await emulator.close();
  // Node exits by itself once the server is closed.
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
