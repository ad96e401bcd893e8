/**
 * The data-dir lock: one opener at a time, across processes and within one; stale locks taken over;
 * released on close and when the holder is stopped by a signal.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pgliteTemplate } from '../../test/helpers/engines.ts';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './lock-file.ts';
import { parseOwner } from './lock-owner.ts';
import { openPGlite } from './pglite.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suivi-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const lockPid = (dir: string) => parseOwner(readFileSync(join(dir, LOCK_FILE), 'utf8'))?.pid;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A process that takes the locks of `dirs`, says so, and waits to be stopped. */
async function holder(...dirs: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "import { acquireDataDirLock } from './runtime/db/lock-file.ts'; for (const d of process.env.LOCK_DIRS.split(',')) acquireDataDirLock(d); console.log('locked'); setInterval(() => {}, 1000);",
    ],
    { cwd: ROOT, env: { ...process.env, LOCK_DIRS: dirs.join(',') }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(line.toString()).toContain('locked');
  return child;
}

describe('data dir lock', () => {
  it('writes our pid and removes the file on release', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(lockPid(dir)).toBe(process.pid);
    lock.release();
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second opener in the same process', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by process \d+ \(this process\)/);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses while another live process holds it; the holder releases it when stopped by SIGTERM', async () => {
    const dir = freshDir();
    const other = freshDir();
    const child = await holder(dir, other);
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).pid).toBe(child.pid);
    expect((error as Error).message).toContain('--data-dir');
    child.kill('SIGTERM');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGTERM');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(other, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = freshDir();
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)']).toString());
    writeFileSync(join(dir, LOCK_FILE), `${deadPid}\n`);
    const lock = acquireDataDirLock(dir);
    expect(lockPid(dir)).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock with our pid that this process does not hold (a restarted container)', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    acquireDataDirLock(dir).release();
  });

  it('takes over an unreadable lock', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    acquireDataDirLock(dir).release();
  });

  it('keeps a second PGlite off an open data dir, and frees it on close', async () => {
    const dir = freshDir();
    const template = await pgliteTemplate();
    const db = await openPGlite({ dataDir: dir, loadDataDir: template });
    try {
      await expect(openPGlite({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
