import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, workspaceRoot, type EmbeddedPostgres } from '../embedded/index.ts';
import { dropLeftoverTestDatabases, ensureTemplateDatabase } from './template.ts';

/**
 * Vitest global setup: one PostgreSQL server for the whole run (DATABASE_URL,
 * or an embedded throwaway cluster in `.data/test-postgres`) and one migrated
 * template database; each test file copies the template (see createTestDatabase).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgres | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedPostgres({
      dataDir: path.join(workspaceRoot, '.data', 'test-postgres'),
      database: 'postgres',
      ephemeral: true,
      log: (line) => console.log(`[test-postgres] ${line}`),
    });
    adminUrl = server.adminUrl;
    await dropLeftoverTestDatabases(adminUrl);
  }
  const template = await ensureTemplateDatabase(adminUrl);
  project.provide('autodoctorTestDatabase', { adminUrl, template });
  return async () => {
    await server?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    autodoctorTestDatabase: { adminUrl: string; template: string };
  }
}
