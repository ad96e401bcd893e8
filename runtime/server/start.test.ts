/**
 * Smoke test of the start command as a user runs it: `npm start -- --data-dir <tmp>` on a free port,
 * waits for the URL line, reads /api/modules, stops it with SIGTERM and checks the lock is released. On
 * PostgreSQL too when DATABASE_URL is set (a copy of a prepared database: test/helpers/database-templates.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparedPostgres } from '../../test/helpers/engines.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const STARTUP_LIMIT = 100_000;

const running: ChildProcess[] = [];

/** Whether any process of the group (npm and the node it runs) is still there. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals the whole group and waits until every process of it is gone. */
async function stopGroup(pid: number, signal: NodeJS.Signals, limit = 15_000): Promise<void> {
  if (groupAlive(pid)) process.kill(-pid, signal);
  const until = Date.now() + limit;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

afterEach(async () => {
  // Only the process groups this file started.
  for (const child of running.splice(0)) if (child.pid) await stopGroup(child.pid, 'SIGKILL');
});

/** Starts `npm start` and resolves with the URL it prints, or rejects with its output. */
async function start(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('npm', ['start', '--', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...env, PORT: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL after ${STARTUP_LIMIT} ms:\n${output}`)),
      STARTUP_LIMIT,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /ready at (http:\/\/localhost:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

async function smoke(env: NodeJS.ProcessEnv): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suivi-start-'));
  try {
    return await smokeIn(dataDir, env);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function smokeIn(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { child, url, output } = await start(dataDir, env);
  const response = await fetch(`${url}/api/modules`);
  expect(response.status).toBe(200);
  const { modules } = (await response.json()) as { modules: { code: string }[] };
  expect(modules.map((m) => m.code)).toEqual([
    'amphibiens_mares',
    'chiro_gites',
    'flore_quadrats',
    'oiseaux_points_ecoute',
  ]);
  expect(output()).toContain('partenaire.chiro');
  // npm exits at once; the server then closes the database, which releases the lock.
  await stopGroup(child.pid!, 'SIGTERM');
  expect(groupAlive(child.pid!)).toBe(false);
  expect(existsSync(join(dataDir, 'suivi.lock'))).toBe(false);
  return output();
}

const { DATABASE_URL: databaseUrl, ...withoutDatabase } = process.env;

describe('npm start', () => {
  it('starts on a fresh PGlite data dir, serves the modules and stops cleanly; a restart seeds nothing', {
    timeout: 2 * STARTUP_LIMIT + 20_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'suivi-start-'));
    try {
      const output = await smokeIn(dataDir, withoutDatabase);
      expect(output).toMatch(/Starting Suivi on PGlite in /);
      for (const code of ['amphibiens_mares', 'chiro_gites', 'flore_quadrats', 'oiseaux_points_ecoute'])
        expect(output).toMatch(new RegExp(`module ${code}: \\d+ demo records created`));
      expect(await smokeIn(dataDir, withoutDatabase)).not.toMatch(/demo records created/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // A first start's steps are the PGlite case's, and each runs on PostgreSQL in its own test file; here a
  // database already migrated, with the modules and the demo seed, checks how npm start reaches PostgreSQL.
  it.runIf(databaseUrl)('does the same on PostgreSQL with DATABASE_URL', { timeout: 60_000 }, async () => {
    const scratch = await preparedPostgres(databaseUrl!, 'demo');
    try {
      const output = await smoke({ ...withoutDatabase, DATABASE_URL: scratch.url });
      expect(output).toMatch(/Starting Suivi on PostgreSQL /);
    } finally {
      await scratch.drop();
    }
  });
});
