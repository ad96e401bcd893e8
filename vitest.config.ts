import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest files first, as vitest does, but the static checks' report last: it only waits for them. */
class ChecksLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isChecks = (f: TestSpecification) => f.moduleId.endsWith('/test/project-checks.test.ts');
    return [...sorted.filter((f) => !isChecks(f)), ...sorted.filter(isChecks)];
  }
}

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'examples/*/generated/**'],
    // Prepared databases and the static checks: test/global-setup.ts.
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: ChecksLast },
    // Each worker runs its files one after another in one process (vitest forks one per file otherwise):
    // the modules, the compiled PGlite WebAssembly and the spec compiler load once per worker, not once
    // per file (about 30% of the database tests' CPU time). So a test file restores any global it changes
    // (process.env) and closes what it opens, as every file here does.
    isolate: false,
    // PGlite instances cost seconds and ~1 GB each: keep parallelism at the core count. Generous timeouts:
    // a machine busy with other work slows PGlite start-up several times, which is not what a test checks.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
