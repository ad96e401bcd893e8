/**
 * Test helper: runs a `suivi` command line in the test's own process (no `node` to start, no TypeScript
 * loader to register) and returns what it printed and its exit code, as a user would see them.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from './program.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Paths in arguments and in printed output are relative to the repository root, as in the README. */
export const cli = (...args: string[]): Promise<CliResult> => cliWith({}, ...args);

/** The same with an environment (DATABASE_URL), which the commands never read from the test's process. */
export async function cliWith(env: Readonly<Record<string, string>>, ...args: string[]): Promise<CliResult> {
  if (process.cwd() !== REPO_ROOT.replace(/\/$/, ''))
    throw new Error(`run the CLI tests from the repository root (${REPO_ROOT}), not ${process.cwd()}`);
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
