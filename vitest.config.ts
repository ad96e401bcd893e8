import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'examples/*/generated/**'],
    // Prepared databases: test/global-setup.ts.
    globalSetup: ['test/global-setup.ts'],
    // PGlite instances cost seconds and ~1 GB each: keep parallelism at the core count. Generous timeouts:
    // a machine busy with other work slows PGlite start-up several times, which is not what a test checks.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
