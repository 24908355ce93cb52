import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarball, PackCheckError } from './pack.ts';

const run = promisify(execFile);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'autodoctor-pack-check-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A tarball laid out as `pnpm pack` writes one: every file under `package/`. */
async function tarball(name: string, manifest: object, files: string[] = []): Promise<string> {
  const root = path.join(work, name);
  await mkdir(path.join(root, 'package/dist'), { recursive: true });
  await writeFile(path.join(root, 'package/package.json'), JSON.stringify(manifest, null, 2));
  for (const file of files) await writeFile(path.join(root, 'package', file), 'export {};\n');
  const file = path.join(work, `${name}.tgz`);
  await run('tar', ['-czf', file, '-C', root, 'package']);
  return file;
}

const exportsOf = {
  '.': { '@autodoctor/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
};

describe('checkTarball', () => {
  it('passes a tarball with its exports built and no workspace: range', async () => {
    const file = await tarball(
      'good',
      { name: 'good', version: '1.0.0', exports: exportsOf, dependencies: { other: '1.0.0' } },
      ['dist/index.js', 'dist/index.d.ts'],
    );
    await expect(checkTarball(file)).resolves.toBeUndefined();
  });

  it('refuses a package.json that still has a workspace: range, naming it', async () => {
    const file = await tarball(
      'ranges',
      {
        name: 'ranges',
        version: '1.0.0',
        exports: exportsOf,
        dependencies: { '@autodoctor/db': 'workspace:*' },
      },
      ['dist/index.js', 'dist/index.d.ts'],
    );
    const error = await checkTarball(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PackCheckError);
    expect((error as Error).message).toBe(
      'ranges.tgz: package.json still has workspace: ranges (@autodoctor/db)',
    );
  });

  it('refuses a tarball missing a file its exports name for outside users (not the source one)', async () => {
    const file = await tarball('unbuilt', { name: 'unbuilt', version: '1.0.0', exports: exportsOf }, [
      'dist/index.js',
    ]);
    const error = await checkTarball(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PackCheckError);
    expect((error as Error).message).toBe(
      'unbuilt.tgz: exports["."].types names ./dist/index.d.ts, which is not in it',
    );
  });
});
