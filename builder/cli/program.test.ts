/**
 * The command table: help and argument errors answer without loading any command; a command loads its
 * own module only. One smoke test starts bin.mjs as a user does (`npx suivi`), TypeScript loader included.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, REFDATA_KINDS as TABLE_KINDS } from './program.mjs';
import { REFDATA_KINDS } from './refdata-command.ts';
import { REPO_ROOT } from './run-cli.test-helpers.ts';

const COMMANDS = [
  'validate',
  'generate',
  'import-gn',
  'export-gn',
  'install',
  'migrate',
  'sinp-check',
  'refdata',
];

/** Runs a command line in-process and counts how many times a command module was about to load. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  let loads = 0;
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    beforeLoad: async () => {
      loads += 1;
    },
  });
  return { code, stdout, stderr, loads };
}

describe('suivi command table', () => {
  it('--help lists every command on stdout, exits 0 and loads none', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.loads).toBe(0);
  });

  it("a command's --help shows its arguments and options", async () => {
    const result = await run('generate', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: suivi generate [options] <spec>');
    expect(result.stdout).toContain('--check');
    expect(result.loads).toBe(0);
  });

  it('without a command, prints the help on stderr and exits 1', async () => {
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: suivi');
  });

  it('argument errors exit 1 with a message, before any command loads', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await run('generate', 'examples/chiro_gites/protocol.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");
    const kind = await run('refdata', 'species', 'x.csv');
    expect(kind.code).toBe(1);
    expect(kind.stderr).toContain('Allowed choices are nomenclatures, taxref');
    expect(unknown.loads + missing.loads + kind.loads).toBe(0);
  });

  it('refdata offers the kinds the refdata command handles', () => {
    expect(TABLE_KINDS).toEqual(REFDATA_KINDS);
  });

  it('runs a command and returns its exit code without exiting', async () => {
    const result = await run('validate', 'no/such/protocol.json');
    expect(result.loads).toBe(1);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('file-unreadable');
    expect(process.exitCode ?? 0).toBe(0);
  });
});

describe('bin.mjs', () => {
  it('answers --help and runs a command in a new process', async () => {
    const node = promisify(execFile);
    const help = await node(process.execPath, ['builder/cli/bin.mjs', '--help'], { cwd: REPO_ROOT });
    expect(help.stdout).toContain('Usage: suivi [options] [command]');
    const validate = await node(
      process.execPath,
      ['builder/cli/bin.mjs', 'validate', 'examples/chiro_gites/protocol.json'],
      { cwd: REPO_ROOT },
    );
    expect(validate.stderr).toBe('1 spec(s) checked: 0 error(s), 0 warning(s)\n');
    const failing = await node(process.execPath, ['builder/cli/bin.mjs', 'validate', 'README.md'], {
      cwd: REPO_ROOT,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('json-syntax');
  });
});
