// `pnpm packages:pack [--out DIR]`: builds every published workspace package and writes its tarball
// into DIR (`.packs/` by default), checked to install outside the workspace (./pack.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packPackages, WORKSPACE_ROOT } from './pack.ts';

const USAGE = 'Usage: pnpm packages:pack [--out DIR]   (default .packs/)';

let outDir: string;
try {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  // A relative --out is taken from where the command was typed (pnpm runs root scripts at the root).
  outDir = path.resolve(
    process.env.INIT_CWD ?? process.cwd(),
    values.out ?? path.join(WORKSPACE_ROOT, '.packs'),
  );
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

try {
  for (const packed of await packPackages(outDir)) {
    const relative = path.relative(process.cwd(), packed.tarball);
    console.log(`${packed.name}@${packed.version}  ${relative.startsWith('..') ? packed.tarball : relative}`);
  }
} catch (error) {
  console.error(`packages:pack failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
