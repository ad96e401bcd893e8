/**
 * The static checks of `npm test` (types, lint and format, dependency direction) as child processes: the
 * global setup starts them beside the test workers and each writes its verdict to a file, which
 * test/project-checks.test.ts (run last) reads, so they show as tests without holding a worker while they
 * run. Type-checking is incremental, its state kept per checkout in the temporary folder: after a first
 * run only what changed is checked again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the global setup's checks write their verdicts, when it started them. */
    suiviChecksDir: string | undefined;
  }
}

export const ROOT = new URL('../../', import.meta.url).pathname;

const tsBuildInfo = () =>
  join(
    tmpdir(),
    'suivi-typecheck',
    `${createHash('sha256').update(ROOT).digest('hex').slice(0, 16)}.tsbuildinfo`,
  );

export type CheckName = 'typecheck' | 'lint' | 'deps';

export const CHECKS: Readonly<
  Record<CheckName, { readonly command: string; readonly args: () => string[] }>
> = {
  typecheck: {
    command: 'npx',
    args: () => [
      'tsc',
      '--noEmit',
      '-p',
      'tsconfig.json',
      '--incremental',
      '--tsBuildInfoFile',
      tsBuildInfo(),
    ],
  },
  lint: { command: 'npx', args: () => ['biome', 'check', '.'] },
  deps: { command: 'npm', args: () => ['run', '--silent', 'deps'] },
};

export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

export interface CheckResult {
  readonly code: number;
  readonly output: string;
  readonly seconds: number;
}

const resultFile = (dir: string, name: CheckName) => join(dir, `${name}.json`);

/** Runs one check to its end. */
export function runCheck(name: CheckName): { child: ChildProcess; result: Promise<CheckResult> } {
  const started = performance.now();
  const { command, args } = CHECKS[name];
  mkdirSync(join(tmpdir(), 'suivi-typecheck'), { recursive: true });
  // Its own process group, so that stopping it stops npx's children too.
  const child = spawn(command, args(), { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const result = new Promise<CheckResult>((resolve) => {
    child.once('error', (error) => resolve({ code: -1, output: `${output}${error.message}`, seconds: 0 }));
    child.once('close', (code, signal) =>
      resolve({
        code: code ?? -1,
        output: signal ? `${output}\n(stopped by ${signal})` : output,
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
  return { child, result };
}

/** Starts every check; each writes `<dir>/<name>.json` when it ends. `stop()` ends those still running. */
export function startChecks(dir: string): { stop(): void } {
  mkdirSync(dir, { recursive: true });
  const running = CHECK_NAMES.map((name) => {
    const { child, result } = runCheck(name);
    void result.then((r) => {
      const partial = `${resultFile(dir, name)}.partial`;
      writeFileSync(partial, JSON.stringify(r));
      renameSync(partial, resultFile(dir, name));
    });
    return child;
  });
  return {
    stop() {
      for (const child of running) {
        if (child.exitCode === null && child.signalCode === null && child.pid) {
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            // Already gone.
          }
        }
      }
    },
  };
}

/** The verdict of a check started by `startChecks`, waiting for it when it still runs. */
export async function checkResult(dir: string, name: CheckName): Promise<CheckResult> {
  const file = resultFile(dir, name);
  while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 200));
  return JSON.parse(readFileSync(file, 'utf8')) as CheckResult;
}
