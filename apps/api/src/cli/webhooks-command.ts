// The work behind `pnpm webhooks …` (webhooks.ts), apart so that tests can call it. Until the
// operations console lands, this is how an operator registers and looks after webhook endpoints.
import type { Database } from '@autodoctor/db';
import { SessionCoreError } from '@autodoctor/session-core';
import { SESSION_EVENT_TYPES } from '@autodoctor/session-core/rules';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  listWebhookEndpoints,
  registerWebhookEndpoint,
  removeWebhookEndpoint,
  setWebhookEndpointEnabled,
  webhookDeliveryLog,
  type WebhookEndpointInput,
  type WebhookEndpointSummary,
} from '../webhooks/webhook-endpoints.ts';
import type { WebhookAddressPolicy } from '../webhooks/webhook-target.ts';

export const WEBHOOKS_USAGE = `usage:
  pnpm webhooks add --url <https URL> --events <type,type,…> [--description <text>]
  pnpm webhooks list
  pnpm webhooks log <endpoint id> [--limit <1-500>]
  pnpm webhooks disable <endpoint id> [--reason <text>]
  pnpm webhooks enable <endpoint id>
  pnpm webhooks remove <endpoint id>
event types: ${SESSION_EVENT_TYPES.join(', ')}`;

/** A refusal the command prints as is (exit code 2: the input; 1: the data). */
export class WebhooksCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

const when = (date: Date | null) => (date ? date.toISOString() : '-');

function describeEndpoint(endpoint: WebhookEndpointSummary): string {
  const state = endpoint.enabled
    ? endpoint.failingSince
      ? `enabled, failing since ${when(endpoint.failingSince)}`
      : 'enabled'
    : `DISABLED at ${when(endpoint.disabledAt)}: ${endpoint.disabledReason}`;
  return [
    `${endpoint.id}  ${endpoint.url}`,
    `  events: ${endpoint.eventTypes.join(', ')}${endpoint.description ? `  (${endpoint.description})` : ''}`,
    `  ${state}; pending ${endpoint.pending}, failed ${endpoint.failed}, last delivered ${when(endpoint.lastDeliveredAt)}`,
  ].join('\n');
}

/** Runs one command and returns what it prints. @throws {WebhooksCommandError} a refusal */
export async function runWebhooksCommand(
  db: Database,
  args: string[],
  policy: WebhookAddressPolicy,
): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        events: { type: 'string' },
        description: { type: 'string' },
        reason: { type: 'string' },
        limit: { type: 'string' },
      },
    });
  } catch (error) {
    throw new WebhooksCommandError(`${(error as Error).message}\n${WEBHOOKS_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  const needId = () => {
    if (!id || positionals.length !== 2) throw new WebhooksCommandError(WEBHOOKS_USAGE, 2);
    return id;
  };
  try {
    switch (command) {
      case 'add': {
        if (!values.url || !values.events || positionals.length !== 1) {
          throw new WebhooksCommandError(WEBHOOKS_USAGE, 2);
        }
        const input = {
          url: values.url,
          eventTypes: values.events.split(',').map((type) => type.trim()),
          description: values.description,
        } as WebhookEndpointInput;
        const { endpoint, secret } = await registerWebhookEndpoint(db, input, policy);
        return `${describeEndpoint(endpoint)}\n\nSigning secret (shown once; keep it with the receiver):\n  ${secret}`;
      }
      case 'list': {
        const endpoints = await listWebhookEndpoints(db);
        return endpoints.length ? endpoints.map(describeEndpoint).join('\n\n') : 'No webhook endpoints.';
      }
      case 'log': {
        const limit = values.limit === undefined ? 50 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          throw new WebhooksCommandError('--limit must be a whole number from 1 to 500', 2);
        }
        const lines = await webhookDeliveryLog(db, needId(), limit);
        if (lines.length === 0) return 'No deliveries tried yet.';
        return lines
          .map(
            (line) =>
              `${line.at.toISOString()}  event ${line.eventId} ${line.eventType} (session ${line.sessionId})  try ${line.attempt}: ${line.statusCode ?? '-'} ${line.error ?? 'ok'}  ${line.durationMs} ms  [${line.deliveryStatus}]`,
          )
          .join('\n');
      }
      case 'disable':
        return describeEndpoint(
          await setWebhookEndpointEnabled(db, needId(), {
            enabled: false,
            reason: values.reason?.trim() || 'disabled by an operator',
          }),
        );
      case 'enable':
        return describeEndpoint(await setWebhookEndpointEnabled(db, needId(), { enabled: true }));
      case 'remove':
        await removeWebhookEndpoint(db, needId());
        return `Removed webhook endpoint ${id}, with its deliveries and their log.`;
      default:
        throw new WebhooksCommandError(WEBHOOKS_USAGE, 2);
    }
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issues = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
      throw new WebhooksCommandError(`Invalid input: ${issues.join('; ')}`, 2);
    }
    if (error instanceof SessionCoreError)
      throw new WebhooksCommandError(error.message, error.kind === 'invalid' ? 2 : 1);
    throw error;
  }
}
