import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are files reviewed in git, applied by
// `pnpm db:migrate`. Never `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
