import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// `npm run reliability` runs these suites through reliability/run.ts, once per database. Each suite is a vitest
// file (`*.rel.ts`) so it can use the server's own test helpers (createTestApp, factories, Client); its figures
// go through `record()` into reliability/RESULTS.md.
export default defineConfig({
  resolve: {
    alias: {
      '@aftercare/contracts': fileURLToPath(new URL('../packages/contracts/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['reliability/**/*.rel.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    // A full fuzz is one test over ~490,000 requests: about 45 minutes on PostgreSQL on an idle 2-core machine,
    // and it ran past one hour beside other work.
    testTimeout: 10_800_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
