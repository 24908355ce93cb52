import type { QueueFeedEvent } from '@autodoctor/api/router';
import { signIn } from '@autodoctor/api/testing/accounts';
import { createApiClient } from '@autodoctor/api/testing/api-client';
import { FeedRecorder, type Tracked } from '@autodoctor/api/testing/feed-recorder';
import { registerWebhookEndpoint } from '@autodoctor/api';
import { useTestApi } from '@autodoctor/api/testing/test-api';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import { withDatabase } from '@autodoctor/db';
// The type of inject('autodoctorTestDatabase'): the run's test server (db's global setup).
import type {} from '@autodoctor/db/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { cp, lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { holdBuildLock } from './build-lock.ts';
import { packPackages, WORKSPACE_ROOT, type PackedPackage } from './pack.ts';

// examples/partner-intake as a partner's developer gets it: copied out of the workspace, its
// @autodoctor/* dependencies pointed at freshly packed tarballs, installed with plain npm, run by
// plain node. Its own tests run on a fresh database; then, beside a running API (the API's test
// helpers), the session it opens must reach the mechanics' live queue, and its event feed must
// carry a mechanic's accept.
const run = promisify(execFile);
const BUFFER = { maxBuffer: 16 * 1024 * 1024 };
// Building, packing, an npm install, a test run on a busy 2-core machine: minutes, not hours.
const STEP_TIMEOUT = 300_000;
// Waiting for the build lock: another file's whole build and API reports.
const BUILD_LOCK_TIMEOUT = 2 * STEP_TIMEOUT;
const EXAMPLE = path.join(WORKSPACE_ROOT, 'examples/partner-intake');

const { adminUrl } = inject('autodoctorTestDatabase');
const freshName = `autodoctor_test_partner_${process.pid}`;
const emptyName = `autodoctor_test_partner_empty_${process.pid}`;
// The API delivers webhooks to the example's sample receiver, on this machine.
const t = useTestApi({ WEBHOOK_ALLOW_LOOPBACK: 'on', WEBHOOK_POLL_MS: '100' });

const PARTNER_KEY = `pik_${randomUUID()}`;
const partnerKeys = `acme=${createHash('sha256').update(PARTNER_KEY).digest('hex')}`;
/** Plain node, nothing of the test runner's environment (no source condition in NODE_OPTIONS). */
const plainEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...env });

let work: string;
let service: string;
let packed: PackedPackage[];
let running: ChildProcess | undefined;
const receivers: ChildProcess[] = [];

async function recreate(name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
    await admin`CREATE DATABASE ${admin(name)}`;
  } finally {
    await admin.end();
  }
}

async function drop(name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
  await admin.end();
}

/** Starts the service (`npm start`'s command) and resolves with its URL once it listens. */
function startService(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: service, env: plainEnv(env) });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ url: match[1]!, child });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`partner-intake exited (${code}) before listening:\n${output}`)),
    );
  });
}

/** A port free on 127.0.0.1 just now (the receiver must know it before it starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the sample webhook receiver (`npm run receive-webhooks`); `events()` are the ones it verified. */
function startReceiver(env: Record<string, string>) {
  const child = spawn(process.execPath, ['src/receive-webhooks.ts'], { cwd: service, env: plainEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    listening: () =>
      waitFor(() => /receiving webhooks on /.test(stderr), `the receiver to listen:\n${stderr}`),
    events: () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: number; type: string; sessionId: string }),
  };
}

/** The SSE frames of a response, one at a time (comments skipped). */
function sseFrames(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<{ id: string; event: string; data: Record<string, unknown> }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            lines
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const data = field('data');
          if (data === undefined) continue;
          return {
            id: field('id') ?? '',
            event: field('event') ?? '',
            data: JSON.parse(data) as Record<string, unknown>,
          };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event feed ended');
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'autodoctor-partner-intake-'));
  service = path.join(work, 'partner-intake');
  await Promise.all([recreate(freshName), recreate(emptyName)]);
});

afterAll(async () => {
  running?.kill('SIGTERM');
  for (const receiver of receivers) receiver.kill('SIGTERM');
  await rm(work, { recursive: true, force: true });
  await Promise.all([drop(freshName), drop(emptyName)]);
});

describe('examples/partner-intake, outside the workspace', () => {
  it(
    'installs with plain npm from the packed tarballs, and type-checks against their .d.ts',
    async () => {
      const release = await holdBuildLock(adminUrl);
      try {
        packed = await packPackages(path.join(work, 'packs'));
      } finally {
        await release();
      }
      await cp(EXAMPLE, service, {
        recursive: true,
        filter: (source) => !/node_modules|package-lock\.json/.test(path.relative(EXAMPLE, source)),
      });
      const manifestPath = path.join(service, 'package.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
        dependencies: Record<string, string>;
      };
      for (const { name, tarball } of packed) {
        // The example names the tarballs `pnpm packages:pack` writes now: bump it with the versions.
        expect(manifest.dependencies[name]).toBe(`file:../../.packs/${path.basename(tarball)}`);
        manifest.dependencies[name] = `file:${tarball}`;
      }
      await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
        { cwd: service, ...BUFFER, env: { ...process.env, NODE_OPTIONS: '' } },
      );
      // Installed copies, not links into the workspace.
      const installed = path.join(service, 'node_modules/@autodoctor/session-core');
      expect((await lstat(installed)).isSymbolicLink()).toBe(false);
      const { version } = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(version).toBe(packed.find(({ name }) => name === '@autodoctor/session-core')!.version);

      const tsc = createRequire(path.join(WORKSPACE_ROOT, 'package.json')).resolve('typescript/bin/tsc');
      const listed = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFilesOnly'], {
        cwd: service,
        ...BUFFER,
      });
      expect(listed.stdout).toContain(path.join(installed, 'dist/index.d.ts'));
      expect(listed.stdout).not.toContain(path.join(WORKSPACE_ROOT, 'packages'));
      await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: service, ...BUFFER });
    },
    BUILD_LOCK_TIMEOUT + STEP_TIMEOUT,
  );

  it(
    'passes its own tests (npm test) on a fresh database',
    async () => {
      const result = await run('npm', ['test'], {
        cwd: service,
        ...BUFFER,
        env: plainEnv({ TEST_DATABASE_URL: withDatabase(adminUrl, freshName) }),
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`npm test failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      });
      expect(result.stdout).toMatch(/^ℹ fail 0$/m);
      expect(result.stdout).toMatch(/^ℹ pass [1-9]\d*$/m);
    },
    STEP_TIMEOUT,
  );

  it(
    'refuses to start on a database whose schema is behind (assertSchemaVersion)',
    async () => {
      const started = startService({
        DATABASE_URL: withDatabase(adminUrl, emptyName),
        PORT: '0',
        PARTNER_KEYS: partnerKeys,
      });
      await expect(started).rejects.toThrow(/exited \(1\) before listening:\n.*schema is behind/);
    },
    STEP_TIMEOUT,
  );

  it(
    "opens a session the running API's mechanics get in their queue feed, and follows it through their accept",
    async () => {
      const started = await startService({
        DATABASE_URL: t.database.url,
        PORT: '0',
        PARTNER_KEYS: partnerKeys,
      });
      running = started.child;
      // Webhooks too: the running API signs its events to the sample receiver, which verifies them.
      const receiverPort = await freePort();
      const { secret } = await registerWebhookEndpoint(
        t.database.db,
        { url: `http://127.0.0.1:${receiverPort}/webhooks`, eventTypes: ['created', 'assignment_accepted'] },
        { allowLoopback: true },
      );
      const receiver = startReceiver({ WEBHOOK_SECRET: secret, PORT: String(receiverPort) });
      receivers.push(receiver.child);
      await receiver.listening();
      const mechanic = await t.mechanic('Sam Mechanic');
      const queueFeed = new FeedRecorder<Tracked<QueueFeedEvent>>(
        mechanic.client.mechanic.queueFeed,
        undefined,
      );
      try {
        await queueFeed.started();
        const email = `pat-${randomUUID()}@partner.example`;
        const opened = await fetch(`${started.url}/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${PARTNER_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            customer: { email, name: 'Pat Partner' },
            vehicle: { year: 2018, make: 'Honda', model: 'Civic' },
            concern: 'Grinding noise when braking',
          }),
        });
        expect(opened.status).toBe(201);
        const { sessionId } = (await opened.json()) as { sessionId: string };

        // The mechanic's live feed announces it, and the queue lists it.
        const announced = await queueFeed.find(
          (event) => event.data.type === 'new_assignment' && event.data.entry.sessionId === sessionId,
        );
        if (announced.data.type !== 'new_assignment') throw new Error('expected a new assignment');
        const { entries } = await mechanic.client.mechanic.queue.query();
        expect(entries.map((entry) => entry.sessionId)).toContain(sessionId);

        // The partner follows it: created, then the mechanic's accept, through the API.
        const feed = await fetch(`${started.url}/sessions/${sessionId}/events`, {
          headers: { authorization: `Bearer ${PARTNER_KEY}` },
        });
        expect(feed.status).toBe(200);
        const events = sseFrames(feed);
        try {
          expect(await events.next()).toMatchObject({
            event: 'created',
            data: { sessionId, status: 'pending' },
          });
          await mechanic.client.mechanic.accept.mutate({ assignmentId: announced.data.entry.assignmentId });
          expect(await events.next()).toMatchObject({
            event: 'assignment_accepted',
            data: { sessionId, status: 'waiting', previousStatus: 'pending', mechanicName: 'Sam Mechanic' },
          });
        } finally {
          await events.cancel();
        }

        // The webhooks reached the sample receiver, verified, in order.
        await waitFor(
          () => receiver.events().filter((event) => event.sessionId === sessionId).length === 2,
          'the two webhooks at the sample receiver',
        );
        expect(
          receiver
            .events()
            .filter((event) => event.sessionId === sessionId)
            .map((event) => event.type),
        ).toEqual(['created', 'assignment_accepted']);

        // The partner's customer is a customer of ours: "Forgot password" gives them a password,
        // and signed in they see the session.
        const auth = (route: string, body: unknown) =>
          fetch(`${t.api.url}/api/auth${route}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: t.api.url },
            body: JSON.stringify(body),
          });
        expect((await auth('/request-password-reset', { email })).status).toBe(200);
        const sql = postgres(t.database.url, { max: 1, onnotice: () => {} });
        const link = await waitFor(async () => {
          const [row] = await sql<{ url: string }[]>`
            SELECT m.payload->>'url' AS url FROM mail_outbox m JOIN users u ON u.id = m.user_id
            WHERE u.email = ${email} AND m.kind = 'reset_password'`;
          return row?.url;
        }, 'the reset email').finally(() => sql.end());
        const token = decodeURIComponent(new URL(link).pathname.split('/').at(-1) ?? '');
        expect((await auth('/reset-password', { token, newPassword: 'a password of my own' })).status).toBe(
          200,
        );
        const { cookie } = await signIn(t.api.url, email, 'a password of my own');
        const active = await createApiClient(t.api.url, cookie).customer.activeSession.query();
        expect(active).toMatchObject({ id: sessionId, status: 'waiting' });
      } finally {
        queueFeed.stop();
      }
    },
    STEP_TIMEOUT,
  );
});
