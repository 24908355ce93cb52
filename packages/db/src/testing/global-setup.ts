import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  discardEmbeddedCluster,
  startEmbeddedPostgres,
  workspaceRoot,
  type EmbeddedPostgres,
} from '../embedded/index.ts';
import type {} from './provided-context.ts';
import { ensureTemplateDatabase } from './template.ts';

const clustersDir = path.join(workspaceRoot, '.data', 'test-postgres');

/**
 * Vitest global setup: one PostgreSQL server for the whole run and one
 * migrated template database; each test file copies the template (see
 * createTestDatabase). The server is DATABASE_URL when set, otherwise a
 * throwaway embedded cluster of this run's own, so that two runs in one
 * checkout never share (or stop) each other's server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgres | undefined;
  let adminUrl = process.env.DATABASE_URL;
  const dataDir = path.join(clustersDir, `run-${process.pid}`);
  if (!adminUrl) {
    await discardAbandonedClusters();
    // Written first, so a run killed at any point leaves its cluster findable.
    mkdirSync(clustersDir, { recursive: true });
    writeFileSync(ownerFile(dataDir), String(process.pid));
    server = await startEmbeddedPostgres({ dataDir, database: 'postgres', ephemeral: true });
    adminUrl = server.adminUrl;
  }
  const template = await ensureTemplateDatabase(adminUrl);
  project.provide('autodoctorTestDatabase', { adminUrl, template });
  return async () => {
    if (!server) return;
    await discardEmbeddedCluster(dataDir);
    rmSync(ownerFile(dataDir), { force: true });
  };
}

/** Clusters whose test run was killed before its teardown: stop and delete them. */
async function discardAbandonedClusters(): Promise<void> {
  if (!existsSync(clustersDir)) return;
  for (const entry of readdirSync(clustersDir)) {
    if (!entry.endsWith('.owner')) continue;
    const owner = Number(readFileSync(path.join(clustersDir, entry), 'utf8'));
    if (isAlive(owner)) continue;
    await discardEmbeddedCluster(path.join(clustersDir, entry.replace(/\.owner$/, '')));
    rmSync(path.join(clustersDir, entry), { force: true });
  }
}

const ownerFile = (dataDir: string) => `${path.join(clustersDir, path.basename(dataDir))}.owner`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
