import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error eslint.config.js is JavaScript without declarations (the type is given below).
import { layering } from './eslint.config.js';

// The layering rules alone, on imports written at paths in the real folders (the files need not
// exist: an import resolves from the folder), so the check needs no type information.
const eslint = new ESLint({
  cwd: import.meta.dirname,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
    { plugins: { '@typescript-eslint': tseslint.plugin } },
    ...(layering as () => Linter.Config[])(),
  ],
});

const LAYERING_RULES = ['import-x/no-restricted-paths', '@typescript-eslint/no-restricted-imports'];

/** The rules that reported `code` written at `filePath` (any other message, e.g. a parse error, fails). */
async function rulesReporting(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result!.messages;
  expect(messages.filter((message) => !LAYERING_RULES.includes(message.ruleId ?? ''))).toEqual([]);
  return [...new Set(messages.map((message) => message.ruleId!))].sort();
}

describe('the layering lint rules', () => {
  it.each([
    ['a package imports an app', 'packages/ui/src/probe.tsx', "import { appRouter } from '@autodoctor/api';"],
    [
      'tooling imports a package',
      'tooling/stripe-emulator/src/probe.ts',
      "import { connect } from '@autodoctor/db';",
    ],
    [
      'an app imports orchestration by path',
      'apps/api/src/probe.ts',
      "import { startLocalCluster } from '../../../orchestration/cluster/src/local-cluster.ts';",
    ],
    [
      'an app imports the journey kit',
      'apps/customer-web/src/probe.tsx',
      "import { test } from '@autodoctor/e2e/test';",
    ],
    [
      'a web app imports the other app',
      'apps/mechanic-web/src/probe.tsx',
      "import { useTRPC } from '../../customer-web/src/app/trpc.ts';",
    ],
    [
      'a web app imports API code',
      'apps/customer-web/src/probe.ts',
      "import { appRouter } from '@autodoctor/api/router';",
    ],
    [
      'a web app imports the API',
      'apps/mechanic-web/src/probe.ts',
      "import type { ApiConfig } from '@autodoctor/api';",
    ],
  ])('fails when %s', async (_, filePath, code) => {
    expect(await rulesReporting(filePath, code)).not.toEqual([]);
  });

  it.each([
    [
      'a web app imports the router as types',
      'apps/customer-web/src/probe.tsx',
      "import type { AppRouter } from '@autodoctor/api/router';",
    ],
    [
      'an app imports a package',
      'apps/mechanic-web/src/probe.tsx',
      "import { Button } from '@autodoctor/ui/button';",
    ],
    [
      'the API imports tooling',
      'apps/api/src/probe.ts',
      "import { signatureHeader } from '@autodoctor/stripe-emulator';",
    ],
    [
      'orchestration imports an app',
      'orchestration/cluster/src/probe.ts',
      "import { loadConfig } from '@autodoctor/api';",
    ],
  ])('passes when %s', async (_, filePath, code) => {
    expect(await rulesReporting(filePath, code)).toEqual([]);
  });
});
