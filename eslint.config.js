// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// One lint configuration for the whole workspace.
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.turbo/',
      '.data/',
      '.cache/',
      '**/migrations/meta/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // No import cycles: a module and what it imports never need each other.
  {
    files: ['**/*.{ts,tsx}'],
    ...importX.flatConfigs.typescript,
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
      // TanStack Router's guards throw its redirects by design.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'package', package: '@tanstack/router-core', name: 'Redirect' }] },
      ],
    },
  },
  // The web apps and their shared packages run in the browser.
  {
    files: [
      'apps/*-web/src/**/*.{ts,tsx}',
      'packages/ui/src/**/*.{ts,tsx}',
      'packages/session-room/src/**/*.{ts,tsx}',
      'packages/auth-client/src/**/*.{ts,tsx}',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The architecture, enforced: packages never import apps or dev tooling, and
  // session-core's pure rules never import anything that does I/O.
  {
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@autodoctor/api',
                '@autodoctor/*-web',
                '@autodoctor/dev',
                '@autodoctor/stripe-emulator',
              ],
              message: 'Packages never depend on apps or tooling.',
            },
          ],
        },
      ],
    },
  },
  // One copy of Drizzle: apps and tooling take its helpers from @autodoctor/db/orm
  // (their other dependencies would otherwise resolve a second drizzle-orm).
  {
    files: ['apps/**/*.ts', 'tooling/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*'],
              message: 'Import Drizzle helpers from @autodoctor/db/orm.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/session-core/src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@autodoctor/db',
              message: 'Pure rules: import enum values from @autodoctor/db/enum-values.',
            },
            {
              name: '@autodoctor/db/schema',
              message: 'Pure rules run in browsers: import enum values from @autodoctor/db/enum-values.',
            },
          ],
          patterns: [
            {
              group: ['postgres', 'node:*', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'Pure rules do no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
