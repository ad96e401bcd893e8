/**
 * The static checks run as part of the one test command: types, lint and format, dependency direction.
 * The global setup starts them beside the other test files (test/helpers/project-checks.ts); this file,
 * run last, reports their verdicts. Run without that setup, it runs them itself.
 */
import { describe, expect, inject, it } from 'vitest';
import { type CheckName, type CheckResult, checkResult, runCheck } from './helpers/project-checks.ts';

const dir = inject('suiviChecksDir');
const verdict = (name: CheckName): Promise<CheckResult> =>
  dir ? checkResult(dir, name) : runCheck(name).result;

describe('project checks', () => {
  it('type-checks under strict TypeScript', { timeout: 180_000 }, async () => {
    const result = await verdict('typecheck');
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('passes the linter and formatter', { timeout: 60_000 }, async () => {
    const result = await verdict('lint');
    expect(result.code, result.output).toBe(0);
  });

  it('keeps dependencies pointing one way, with no cycles', { timeout: 60_000 }, async () => {
    const result = await verdict('deps');
    expect(result.code, result.output).toBe(0);
  });
});
