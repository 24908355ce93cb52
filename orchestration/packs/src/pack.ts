import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The workspace's root folder. */
export const WORKSPACE_ROOT = path.resolve(import.meta.dirname, '../../..');
/** The workspace's layer folders (README, "Layout"): every package is one folder below one of them. */
const LAYERS = ['orchestration', 'apps', 'packages', 'tooling'];

/** A workspace package that is published: its package.json is not `"private": true`. */
export interface PublishedPackage {
  name: string;
  version: string;
  /** Its folder, absolute. */
  folder: string;
}

/** A tarball `packPackages` wrote. */
export interface PackedPackage extends PublishedPackage {
  /** The tarball, absolute. */
  tarball: string;
}

/** A tarball that would not install outside the workspace; nothing after it is packed. */
export class PackCheckError extends Error {
  constructor(tarball: string, problem: string) {
    super(`${path.basename(tarball)}: ${problem}`);
    this.name = 'PackCheckError';
  }
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, string>>;
}

/** Every published workspace package (its package.json is not `"private": true`), by name. */
export async function publishedPackages(): Promise<PublishedPackage[]> {
  const found: PublishedPackage[] = [];
  for (const layer of LAYERS) {
    for (const entry of await readdir(path.join(WORKSPACE_ROOT, layer), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const folder = path.join(WORKSPACE_ROOT, layer, entry.name);
      const manifest = await readFile(path.join(folder, 'package.json'), 'utf8').then(
        (text) => JSON.parse(text) as Manifest,
        () => undefined,
      );
      if (manifest && manifest.private !== true) {
        found.push({ name: manifest.name, version: manifest.version, folder });
      }
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Builds every published package (its `build` script, tsdown) and writes its tarball with
 * `pnpm pack`, which turns `workspace:` ranges into the versions they point at, into `outDir`.
 * Each tarball is checked before the next: its package.json has no `workspace:` range left, and
 * every file its exports name for an outside user (any condition but the workspace's source one)
 * is in it. Throws `PackCheckError` at the first tarball that fails.
 */
export async function packPackages(outDir: string): Promise<PackedPackage[]> {
  const destination = path.resolve(outDir);
  await mkdir(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const pkg of await publishedPackages()) {
    await buildPackage(pkg);
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: pkg.folder,
      maxBuffer: 16 * 1024 * 1024,
    });
    const { filename } = JSON.parse(stdout) as { filename: string };
    const tarball = path.resolve(destination, filename);
    await checkTarball(tarball);
    packed.push({ ...pkg, tarball });
  }
  return packed;
}

/** Runs a package's `build` script (tsdown: `dist/`). */
export async function buildPackage(pkg: PublishedPackage): Promise<void> {
  await run('pnpm', ['run', 'build'], { cwd: pkg.folder, maxBuffer: 16 * 1024 * 1024 });
}

/** The source condition's files are not shipped: outside the workspace nobody sets it. */
const SOURCE_CONDITION = '@autodoctor/source';

/** What a package exports to outside users: each subpath with its declarations (`types`), source-only ones left out. */
export async function publicEntries(pkg: PublishedPackage): Promise<{ subpath: string; types: string }[]> {
  const manifest = JSON.parse(await readFile(path.join(pkg.folder, 'package.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.types ? [{ subpath, types: target.types }] : [],
  );
}

/**
 * Throws `PackCheckError` unless `tarball` installs outside the workspace: no `workspace:` range in
 * its package.json, and every file its exports name (but under the source condition) in it.
 */
export async function checkTarball(tarball: string): Promise<void> {
  const { stdout: manifestText } = await run('tar', ['-xzOf', tarball, 'package/package.json'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const ranges = [...manifestText.matchAll(/"([^"]+)":\s*"workspace:[^"]*"/g)].map((match) => match[1]);
  if (manifestText.includes('workspace:')) {
    throw new PackCheckError(tarball, `package.json still has workspace: ranges (${ranges.join(', ')})`);
  }
  const { stdout: listing } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 });
  const files = new Set(listing.split('\n').map((line) => line.replace(/^package\//, '')));
  const manifest = JSON.parse(manifestText) as Manifest;
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const targets = typeof target === 'string' ? { default: target } : target;
    for (const [condition, file] of Object.entries(targets)) {
      if (condition === SOURCE_CONDITION) continue;
      if (!files.has(file.replace(/^\.\//, ''))) {
        throw new PackCheckError(
          tarball,
          `exports["${subpath}"].${condition} names ${file}, which is not in it`,
        );
      }
    }
  }
}
