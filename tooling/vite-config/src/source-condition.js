// @ts-check
import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * The export condition under which the published workspace packages (@autodoctor/db,
 * @autodoctor/session-core) list their TypeScript source, first in each export; without it an
 * import resolves to their built files (`dist/`), which only `pnpm packages:pack` makes. tsc takes
 * it from tooling/tsconfig/base.json (`customConditions`), tsx and node from `--conditions`.
 */
export const SOURCE_CONDITION = '@autodoctor/source';

// What vitest itself uses in node: Vite's server conditions without `module`, which points some
// packages (the AWS SDK) at ESM written for bundlers, with imports Node cannot load.
const nodeConditions = defaultServerConditions.filter((condition) => condition !== 'module');

/**
 * Vite's resolve settings that take the workspace packages' source: the default conditions with
 * the source condition first, for the browser (`resolve`) and for vitest's node tests (`ssr`).
 * @type {{ resolve: { conditions: string[] }, ssr: { resolve: { conditions: string[] } } }}
 */
export const sourceResolve = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...nodeConditions] } },
};
