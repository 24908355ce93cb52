// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver, defaultConditionNames } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { SOURCE_CONDITION } from './tooling/vite-config/src/source-condition.js';

/** Imports resolved as tsc resolves them: the workspace packages to their TypeScript source, not `dist/`. */
const importResolver = () =>
  createTypeScriptImportResolver({ conditionNames: [SOURCE_CONDITION, ...defaultConditionNames] });

/** The workspace's layers, top first (README, "Layout"): each imports only from the layers after it. */
const LAYERS = ['orchestration', 'apps', 'packages', 'tooling'];
/** The one import between apps: the web apps take the API's router as types (no server code in a bundle). */
const ROUTER = { app: '@autodoctor/api', name: '@autodoctor/api/router', file: './src/router.ts' };

/** The workspace packages in a layer's folder: `{ folder, name }`. */
function packagesIn(layer) {
  return readdirSync(new URL(`./${layer}/`, import.meta.url), { withFileTypes: true })
    .map((entry) => `${layer}/${entry.name}`)
    .filter((folder) => existsSync(new URL(`./${folder}/package.json`, import.meta.url)))
    .map((folder) => ({
      folder,
      name: JSON.parse(readFileSync(new URL(`./${folder}/package.json`, import.meta.url), 'utf8')).name,
    }));
}

/**
 * Lower layers never import higher ones, and an app never imports another app, checked twice: by
 * the file an import resolves to (relative paths too) and by package name (an import of a package
 * that is not even a dependency resolves to nothing, so only its name can tell).
 */
export function layering() {
  const packages = Object.fromEntries(LAYERS.map((layer) => [layer, packagesIn(layer)]));
  const above = (layer) => LAYERS.slice(0, LAYERS.indexOf(layer));
  const namesAbove = (layer) => above(layer).flatMap((higher) => packages[higher].map(({ name }) => name));
  const withSubpaths = (names) => names.flatMap((name) => [name, `${name}/*`]);
  const isWeb = (app) => app.name !== ROUTER.app;
  const belowMessage = (layer) => `${layer}/ is below ${above(layer).join('/, ')}/: it never imports them.`;
  const appMessage = "An app never imports another app (the web apps: the API router's types only).";

  const zones = [
    ...LAYERS.slice(1).map((layer) => ({
      target: `./${layer}`,
      from: above(layer).map((higher) => `./${higher}`),
      message: belowMessage(layer),
    })),
    ...packages.apps.flatMap((app) =>
      packages.apps
        .filter((other) => other !== app)
        .map((other) => ({
          target: `./${app.folder}`,
          from: `./${other.folder}`,
          except: isWeb(app) && other.name === ROUTER.app ? [ROUTER.file] : [],
          message: appMessage,
        })),
    ),
  ];
  const byName = (files, patterns, paths = []) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] },
  });
  return [
    {
      files: ['**/*.{js,ts,tsx}'],
      ...importX.flatConfigs.typescript,
      settings: {
        ...importX.flatConfigs.typescript.settings,
        'import-x/resolver-next': [importResolver()],
      },
      rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }] },
    },
    ...['packages', 'tooling'].map((layer) =>
      byName(
        [`${layer}/**/*.{js,ts,tsx}`],
        [{ group: withSubpaths(namesAbove(layer)), message: belowMessage(layer) }],
      ),
    ),
    ...packages.apps.map((app) => {
      const others = packages.apps.filter((other) => other !== app).map(({ name }) => name);
      const router = isWeb(app) && others.includes(ROUTER.app);
      return byName(
        [`${app.folder}/**/*.{js,ts,tsx}`],
        [
          { group: withSubpaths(namesAbove('apps')), message: belowMessage('apps') },
          { group: [...withSubpaths(others), ...(router ? [`!${ROUTER.name}`] : [])], message: appMessage },
        ],
        router ? [{ name: ROUTER.name, allowTypeImports: true, message: appMessage }] : [],
      );
    }),
  ];
}

// One lint configuration for the whole workspace.
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.turbo/',
      '.data/',
      '.cache/',
      // TypeDoc's output (`pnpm packages:docs`).
      '.docs/',
      '**/migrations/meta/',
      'test-results/',
      'playwright-report/',
      // Outside the workspace: its imports resolve only to the packed tarballs it installs itself;
      // orchestration/packs/src/partner-intake.test.ts type-checks it there, against their .d.ts.
      'examples/',
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
      'import-x/resolver-next': [importResolver()],
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
  // The layers, top to bottom: orchestration/ starts the product, apps/ are the product, packages/
  // are what the apps share, tooling/ is what everything builds and tests with.
  ...layering(),
  // One copy of Drizzle: apps and orchestration take its helpers from @autodoctor/db/orm
  // (their other dependencies would otherwise resolve a second drizzle-orm).
  {
    files: ['{orchestration,apps,tooling}/**/*.{ts,tsx}'],
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
    files: ['packages/session-core/src/rules/**/*.{ts,tsx}'],
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
  // Service workers, served as they are from an app's public/.
  {
    files: ['apps/*-web/public/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
);
