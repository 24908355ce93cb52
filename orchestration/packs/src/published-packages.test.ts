import { withDatabase } from '@autodoctor/db';
// The type of inject('autodoctorTestDatabase'): the run's test server (db's global setup).
import type {} from '@autodoctor/db/testing';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiReports } from './api-report.ts';
import { holdBuildLock } from './build-lock.ts';
import { packPackages, publishedPackages, WORKSPACE_ROOT, type PackedPackage } from './pack.ts';

// The published packages as an outside service gets them: packed, installed with plain npm in a
// folder outside the workspace (drizzle-orm, postgres and zod from the npm registry, as the service
// would), then used by plain node (no source condition, no tsx) and type-checked by tsc against the
// shipped .d.ts only, on a database of its own that starts empty: the shipped migrations build it.
const run = promisify(execFile);
const BUFFER = { maxBuffer: 16 * 1024 * 1024 };
// Building, packing and an npm install on a busy 2-core machine: minutes, not hours.
const STEP_TIMEOUT = 300_000;
// Waiting for the build lock: another file's whole build (partner-intake.test.ts's pack).
const BUILD_LOCK_TIMEOUT = 2 * STEP_TIMEOUT;

const { adminUrl } = inject('autodoctorTestDatabase');
const databaseName = `autodoctor_test_packed_${process.pid}`;
const url = withDatabase(adminUrl, databaseName);

/** The range the workspace itself declares for a dependency (exact for the packages' own). */
async function workspaceRange(fromPackage: string, name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(path.join(WORKSPACE_ROOT, fromPackage, 'package.json'), 'utf8'),
  ) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  if (!range) throw new Error(`${fromPackage}/package.json does not depend on ${name}`);
  return range;
}

let work: string;
let consumer: string;
let packed: PackedPackage[];
let releaseBuildLock: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // This file builds dist/ and reads it to its end (the API reports): nobody else builds meanwhile.
  releaseBuildLock = await holdBuildLock(adminUrl);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin`CREATE DATABASE ${admin(databaseName)}`;
  await admin.end();
  work = await mkdtemp(path.join(tmpdir(), 'autodoctor-packed-'));
  consumer = path.join(work, 'consumer');
}, BUILD_LOCK_TIMEOUT);

afterAll(async () => {
  await releaseBuildLock?.();
  await rm(work, { recursive: true, force: true });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin.end();
});

describe('the packed packages, outside the workspace', () => {
  it(
    'pack into one tarball per published package, with no workspace: range left',
    async () => {
      packed = await packPackages(path.join(work, 'packs'));
      expect(packed.map(({ name }) => name)).toEqual(['@autodoctor/db', '@autodoctor/session-core']);
      expect(packed.map(({ name }) => name)).toEqual((await publishedPackages()).map(({ name }) => name));
      for (const { tarball } of packed) {
        const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json'], BUFFER);
        expect(stdout).not.toContain('workspace:');
        // Each with its changelog (changesets) and its README.
        const { stdout: listing } = await run('tar', ['-tzf', tarball], BUFFER);
        expect(listing.split('\n')).toEqual(
          expect.arrayContaining(['package/CHANGELOG.md', 'package/README.md']),
        );
      }
      const { stdout: coreManifest } = await run('tar', [
        '-xzOf',
        packed[1]!.tarball,
        'package/package.json',
      ]);
      const core = JSON.parse(coreManifest) as {
        dependencies: Record<string, string>;
        peerDependencies: Record<string, string>;
      };
      expect(core.dependencies['@autodoctor/db']).toBe(packed[0]!.version);
      expect(Object.keys(core.peerDependencies).sort()).toEqual(['drizzle-orm', 'postgres']);
    },
    STEP_TIMEOUT,
  );

  it(
    'install with plain npm in a folder of their own',
    async () => {
      const [db, core] = packed;
      await mkdir(consumer);
      const manifest = {
        name: 'outside-service',
        private: true,
        type: 'module',
        dependencies: {
          '@autodoctor/db': `file:${db!.tarball}`,
          '@autodoctor/session-core': `file:${core!.tarball}`,
          // The peers a service brings itself: one copy shared with the packages.
          'drizzle-orm': await workspaceRange('packages/db', 'drizzle-orm'),
          postgres: await workspaceRange('packages/db', 'postgres'),
          // For the type check only: postgres.js' types reference Node's.
          '@types/node': await workspaceRange('.', '@types/node'),
        },
      };
      await writeFile(path.join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
        { cwd: consumer, ...BUFFER, env: { ...process.env, NODE_OPTIONS: '' } },
      );
      const installed = JSON.parse(
        await readFile(path.join(consumer, 'node_modules/@autodoctor/session-core/package.json'), 'utf8'),
      ) as { version: string };
      expect(installed.version).toBe(core!.version);
    },
    STEP_TIMEOUT,
  );

  it(
    'migrate a fresh database, check its schema and create a session, under plain node',
    async () => {
      const script = `
        import { assertSchemaVersion, checkSchemaVersion, connect, runMigrations, sessions, users } from '@autodoctor/db';
        import { ActiveSessionConflictError, createSessionRecord } from '@autodoctor/session-core';
        import { eq } from 'drizzle-orm';

        const url = process.env.DATABASE_URL;
        const { db, close } = connect(url, { max: 2 });
        try {
          const before = await checkSchemaVersion(db);
          const migrated = await runMigrations(url);
          const after = await assertSchemaVersion(db);
          const [customer] = await db
            .insert(users)
            .values({ name: 'Pat Outside', email: 'pat@outside.example', role: 'customer' })
            .returning({ id: users.id });
          const intake = {
            type: 'free',
            customerUserId: customer.id,
            vehicle: { year: 2018, make: 'Honda', model: 'Civic' },
            concern: 'Grinding noise when braking',
          };
          const { session, assignment } = await createSessionRecord(db, intake);
          const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
          // A second one is refused by the database, as the package's typed error.
          const refused = await createSessionRecord(db, intake).catch((error) => error);
          console.log(JSON.stringify({
            before: before.state, migrated: migrated.applied, after, sessionId: session.id,
            status: row.status, assignment: assignment.status,
            refused: refused instanceof ActiveSessionConflictError ? refused.activeSessionId : String(refused),
          }));
        } finally {
          await close();
        }
      `;
      await writeFile(path.join(consumer, 'service.mjs'), script);
      const { stdout } = await run(process.execPath, ['service.mjs'], {
        cwd: consumer,
        ...BUFFER,
        // Plain node: whatever the test runner was started with, no source condition.
        env: { PATH: process.env.PATH, DATABASE_URL: url },
      });
      const result = JSON.parse(stdout.trim()) as {
        before: string;
        migrated: number;
        after: { state: string; pending: string[] };
        sessionId: string;
        status: string;
        assignment: string;
        refused: string;
      };
      expect(result.before).toBe('behind');
      expect(result.migrated).toBeGreaterThan(10);
      expect(result.after).toMatchObject({ state: 'current', pending: [] });
      expect(result).toMatchObject({ status: 'pending', assignment: 'queued', refused: result.sessionId });

      // The session is there for the workspace's own reading too, with its customer and its event.
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await sql<{ status: string; email: string; events: number }[]>`
          SELECT s.status, u.email, (SELECT count(*)::int FROM session_events e WHERE e.session_id = s.id) AS events
          FROM sessions s JOIN users u ON u.id = s.customer_user_id WHERE s.id = ${result.sessionId}`;
        expect(rows).toEqual([{ status: 'pending', email: 'pat@outside.example', events: 1 }]);
      } finally {
        await sql.end();
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'verify a webhook under plain node with @autodoctor/session-core/webhooks',
    async () => {
      const script = `
        import { signWebhookBody, verifyWebhook, WebhookSignatureError } from '@autodoctor/session-core/webhooks';
        const body = JSON.stringify({ version: 1, id: 7, type: 'created', sessionId: '0b5c3a52-3f7e-4d7c-9d55-5b1f0a0a7a11', createdAt: '2026-12-07T10:00:00.000Z', data: {} });
        const signature = signWebhookBody(body, 'whsec_x', Math.floor(Date.now() / 1000));
        let refused = '';
        try { verifyWebhook({ body: body + ' ', signature, secret: 'whsec_x' }); } catch (error) { refused = error instanceof WebhookSignatureError ? error.reason : 'other'; }
        console.log(JSON.stringify({ type: verifyWebhook({ body, signature, secret: 'whsec_x' }).type, refused }));
      `;
      await writeFile(path.join(consumer, 'receiver.mjs'), script);
      const { stdout } = await run(process.execPath, ['receiver.mjs'], {
        cwd: consumer,
        ...BUFFER,
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      expect(JSON.parse(stdout)).toEqual({ type: 'created', refused: 'signature_mismatch' });
    },
    STEP_TIMEOUT,
  );

  it(
    'type-check a TypeScript caller against the shipped .d.ts with tsc',
    async () => {
      const caller = `
        import { connect, checkSchemaVersion, type Database, type SchemaVersion } from '@autodoctor/db';
        import { createSessionRecord, ActiveSessionConflictError, type CreatedSessionRecord } from '@autodoctor/session-core';
        import { canEnd } from '@autodoctor/session-core/rules/statuses';
        import { verifyWebhook, type WebhookEvent } from '@autodoctor/session-core/webhooks';

        export const received = (body: string, signature: string): WebhookEvent['type'] =>
          verifyWebhook({ body, signature, secret: 'whsec_x' }).type;

        export async function open(db: Database, customerUserId: string): Promise<CreatedSessionRecord | string> {
          const version: SchemaVersion = await checkSchemaVersion(db);
          if (version.state === 'behind') return version.pending.join(', ');
          try {
            const created = await createSessionRecord(db, {
              type: 'free',
              customerUserId,
              vehicle: { year: 2018, make: 'Honda', model: 'Civic' },
              concern: 'Grinding noise when braking',
            });
            const endable: boolean = canEnd(created.session.status);
            return endable ? 'live already' : created;
          } catch (error) {
            if (error instanceof ActiveSessionConflictError) return error.activeSessionId;
            throw error;
          }
        }

        export const connection = connect('postgres://localhost/x');
        // Real types, not any: a wrong call must not compile.
        // @ts-expect-error 'bogus' is not a session type
        void createSessionRecord(connection.db, { type: 'bogus', customerUserId: 'x' });
      `;
      const tsconfig = {
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2023',
          strict: true,
          noEmit: true,
          types: ['node'],
          // Our .d.ts are checked; drizzle-orm's own are left to drizzle.
          skipLibCheck: true,
        },
        files: ['caller.ts'],
      };
      await writeFile(path.join(consumer, 'caller.ts'), caller);
      await writeFile(path.join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      const tsc = createRequire(path.join(WORKSPACE_ROOT, 'package.json')).resolve('typescript/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFilesOnly'], {
        cwd: consumer,
        ...BUFFER,
      });
      // Resolved to the installed tarballs' declarations, never to the workspace's source.
      expect(result.stdout).toContain(
        path.join(consumer, 'node_modules/@autodoctor/session-core/dist/index.d.ts'),
      );
      expect(result.stdout).toContain(path.join(consumer, 'node_modules/@autodoctor/db/dist/index.d.ts'));
      expect(result.stdout).not.toContain(path.join(WORKSPACE_ROOT, 'packages'));
      await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer, ...BUFFER });
    },
    STEP_TIMEOUT,
  );
});

// In this file, after the packing above built `dist/`: two builds at once (another test file) would
// clean each other's output.
describe('the API reports (packages/*/api/*.api.md)', () => {
  it(
    'match the built packages: a change to the public surface fails here until its report is updated',
    async () => {
      const reports = await apiReports({ built: true });
      expect(reports.map(({ package: name, subpath }) => `${name} ${subpath}`)).toEqual([
        '@autodoctor/db .',
        '@autodoctor/db ./schema',
        '@autodoctor/db ./enum-values',
        '@autodoctor/session-core .',
        '@autodoctor/session-core ./rules',
        '@autodoctor/session-core ./rules/statuses',
        '@autodoctor/session-core ./webhooks',
      ]);
      const changed = reports
        .filter((report) => report.changed)
        .map((report) => `${report.report}: ${report.firstDifference}`);
      // Intended? `pnpm packages:api --update` and commit the reports' diff.
      expect(changed).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'name a report that differs from the build, and leave it as it was',
    async () => {
      const copies = path.join(work, 'reports');
      for (const pkg of await publishedPackages()) {
        await cp(path.join(pkg.folder, 'api'), path.join(copies, path.basename(pkg.folder)), {
          recursive: true,
        });
      }
      const altered = path.join(copies, 'session-core/rules-statuses.api.md');
      const text = (await readFile(altered, 'utf8')).replace(
        'export function canEnd(',
        'export function canFinish(',
      );
      await writeFile(altered, text);
      const reports = await apiReports({
        built: true,
        reportFolder: (folder) => path.join(copies, path.basename(folder)),
      });
      expect(reports.filter((report) => report.changed).map((report) => report.report)).toEqual([altered]);
      expect(await readFile(altered, 'utf8')).toBe(text);
    },
    STEP_TIMEOUT,
  );
});
