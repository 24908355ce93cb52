// Command-line options of `tsx tooling/stripe-emulator/src/cli.ts`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { StripeEmulatorOptions } from './emulator.ts';

export const USAGE = `Usage: tsx tooling/stripe-emulator/src/cli.ts [options]

  --port <n>           port to listen on (default 12111; 0 picks a free one)
  --host <address>     address to listen on (default 127.0.0.1)
  --webhook <url>      deliver events to this URL (repeatable)
  --secret <whsec_…>   signing secret: one for all webhooks, or one per --webhook in order
                       (default: a random one, printed at start)
  --attempts <n>       webhook tries per event (default 5)
  --base-delay-ms <n>  wait before the first retry, doubled each time (default 500)
  --help               this text`;

export interface CliOptions extends StripeEmulatorOptions {
  help: boolean;
  /** True when no --secret was given and a random one was made. */
  generatedSecret: boolean;
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min)
    throw new Error(`--${flag} must be an integer ≥ ${min}, not ${value}`);
  return number;
}

export function parseCliArgs(
  argv: string[],
  makeSecret = () => `whsec_${randomBytes(24).toString('hex')}`,
): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      secret: { type: 'string', multiple: true },
      attempts: { type: 'string' },
      'base-delay-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const urls = values.webhook ?? [];
  const given = values.secret ?? [];
  if (given.length > 1 && given.length !== urls.length) {
    throw new Error(
      `Give one --secret for all webhooks or one per --webhook (${urls.length}), not ${given.length}`,
    );
  }
  const generatedSecret = urls.length > 0 && given.length === 0;
  const shared = given[0] ?? (generatedSecret ? makeSecret() : '');
  const attempts = integer('attempts', values.attempts, 1);
  const baseDelayMs = integer('base-delay-ms', values['base-delay-ms'], 0);
  return {
    help: values.help ?? false,
    port: integer('port', values.port, 0) ?? 12111,
    host: values.host ?? '127.0.0.1',
    webhooks: urls.map((url, index) => ({ url, secret: given.length > 1 ? (given[index] ?? '') : shared })),
    retry: {
      ...(attempts === undefined ? {} : { attempts }),
      ...(baseDelayMs === undefined ? {} : { baseDelayMs }),
    },
    generatedSecret,
  };
}
