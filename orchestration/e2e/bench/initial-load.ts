import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's `.vite/manifest.json`. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface InitialLoad {
  jsGzipKb: number;
  cssGzipKb: number;
  files: string[];
}

/**
 * What a first visit to one route downloads: the entry chunk and everything it
 * imports statically (index.html preloads those), plus the route's lazy
 * component and its static imports; each file gzipped (level 9) once.
 */
export async function initialLoad(distDir: string, routeModules: string[]): Promise<InitialLoad> {
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error(`${distDir}: no entry in the manifest`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entryKey);
  for (const route of routeModules) {
    if (!manifest[route]) throw new Error(`${distDir}: ${route} is not a chunk of its own`);
    visit(route);
  }
  const js = [...seen].map((key) => manifest[key]!.file);
  const css = [...new Set([...seen].flatMap((key) => manifest[key]!.css ?? []))];
  const gzipKb = async (files: string[]) => {
    let bytes = 0;
    for (const file of files)
      bytes += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
    return Math.round((bytes / 1024) * 10) / 10;
  };
  return { jsGzipKb: await gzipKb(js), cssGzipKb: await gzipKb(css), files: [...js, ...css] };
}
