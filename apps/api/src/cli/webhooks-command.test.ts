import { webhookEndpoints } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runWebhooksCommand, WEBHOOKS_USAGE, WebhooksCommandError } from './webhooks-command.ts';

const database = useTestDatabase();
const run = (...args: string[]) => runWebhooksCommand(database.db, args, { allowLoopback: true });

afterEach(async () => {
  await database.db.delete(webhookEndpoints);
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhooksCommandError);
  return error as WebhooksCommandError;
}

describe('pnpm webhooks', () => {
  it('adds an endpoint, printing its secret once; lists, disables, enables and removes it', async () => {
    const added = await run(
      'add',
      '--url',
      'http://127.0.0.1:4010/in',
      '--events',
      'created, ended',
      '--description',
      'CRM',
    );
    const id = /^([0-9a-f-]{36}) {2}http:\/\/127\.0\.0\.1:4010\/in$/m.exec(added)![1]!;
    expect(added).toContain('events: created, ended  (CRM)');
    expect(added).toMatch(/Signing secret \(shown once; keep it with the receiver\):\n {2}whsec_/);

    const listed = await run('list');
    expect(listed).toContain(`${id}  http://127.0.0.1:4010/in`);
    expect(listed).toContain('enabled; pending 0, failed 0, last delivered -');
    expect(listed).not.toContain('whsec_');

    expect(await run('disable', id, '--reason', 'moving servers')).toMatch(/DISABLED at .*: moving servers/);
    expect(await run('enable', id)).toContain('enabled; pending 0');
    expect(await run('log', id)).toBe('No deliveries tried yet.');
    expect(await run('remove', id)).toBe(
      `Removed webhook endpoint ${id}, with its deliveries and their log.`,
    );
    expect(await run('list')).toBe('No webhook endpoints.');
  });

  it('refuses bad input with the reason and exit code 2, and an unknown endpoint with 1', async () => {
    expect((await refusal(run())).message).toBe(WEBHOOKS_USAGE);
    expect((await refusal(run('add', '--url', 'http://127.0.0.1/x'))).exitCode).toBe(2);
    const badType = await refusal(run('add', '--url', 'http://127.0.0.1/x', '--events', 'created,exploded'));
    expect(badType).toMatchObject({ exitCode: 2 });
    expect(badType.message).toMatch(/^Invalid input: eventTypes\.1: /);
    const privateUrl = await refusal(run('add', '--url', 'https://10.0.0.1/x', '--events', 'created'));
    expect(privateUrl).toMatchObject({ exitCode: 2, message: '10.0.0.1 is not a public address' });
    expect((await refusal(run('log', 'x', '--limit', '0'))).exitCode).toBe(2);
    expect((await refusal(run('add', '--nope'))).exitCode).toBe(2);
    const unknown = await refusal(run('remove', '00000000-0000-4000-8000-000000000000'));
    expect(unknown).toMatchObject({
      exitCode: 1,
      message: 'No webhook endpoint 00000000-0000-4000-8000-000000000000',
    });
    expect(await run('list')).toBe('No webhook endpoints.');
  });
});
