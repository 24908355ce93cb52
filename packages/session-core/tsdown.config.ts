import { defineConfig } from 'tsdown';

// The published build (`pnpm packages:pack`): ESM and .d.ts for the entries package.json exports
// without the source condition. The workspace itself runs the TypeScript source.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    rules: 'src/rules/index.ts',
    'rules/statuses': 'src/rules/statuses.ts',
    webhooks: 'src/webhooks/index.ts',
  },
  format: 'esm',
  platform: 'node',
  dts: true,
  fixedExtension: false,
  clean: true,
});
