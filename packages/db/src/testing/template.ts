import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { migrationsFolder, runMigrations } from '../migrate.ts';
import { withDatabase } from '../urls.ts';

/** Names the template after the migrations' content: a changed migration gets a new template. */
function templateName(): string {
  const hash = createHash('sha1');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  }
  return `autodoctor_template_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * A migrated database to copy for each test file, made once per migration set.
 * It is built under a temporary name and renamed when complete, so a run
 * killed half-way never leaves a broken template behind.
 */
export async function ensureTemplateDatabase(adminUrl: string): Promise<string> {
  const name = templateName();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (existing.length > 0) return name;
    const building = `${name}_building_${process.pid}`;
    await admin`DROP DATABASE IF EXISTS ${admin(building)}`;
    await admin`CREATE DATABASE ${admin(building)}`;
    await runMigrations(withDatabase(adminUrl, building));
    await admin`ALTER DATABASE ${admin(building)} RENAME TO ${admin(name)}`;
    return name;
  } finally {
    await admin.end({ timeout: 5 });
  }
}
