/**
 * Stale data-dir locks: a lock is taken over when its holder is gone, a zombie, from another boot or
 * another process under a reused pid, and the log says so; a live holder still keeps it. Real processes
 * where Linux gives them (a real zombie, a live unrelated pid), a fake process table otherwise; and two
 * processes racing to take over one stale lock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, type LockOptions } from './lock-file.ts';
import { formatOwner, type LockOwner, parseOwner } from './lock-owner.ts';
import { type ProcessInfo, type ProcessTable, parseProcStat, procProcessTable } from './process-table.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const PROC = procProcessTable();
const LINUX = PROC.bootId() !== undefined && PROC.process(process.pid) != null;

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suivi-stale-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const writeLock = (dir: string, owner: LockOwner) => writeFileSync(join(dir, LOCK_FILE), formatOwner(owner));
const lockOwner = (dir: string) => parseOwner(readFileSync(join(dir, LOCK_FILE), 'utf8'));

/** Acquires with a log that is kept, and releases at once; returns the log lines. */
function takeOver(dir: string, processes?: ProcessTable): string[] {
  const lines: string[] = [];
  const options: LockOptions = { log: (m) => lines.push(m), ...(processes ? { processes } : {}) };
  const lock = acquireDataDirLock(dir, options);
  expect(lockOwner(dir)?.pid).toBe(process.pid);
  lock.release();
  return lines;
}

/** A fake process table: this boot, ourselves, and the processes given. */
function fakeTable(others: Record<number, ProcessInfo>): ProcessTable {
  const table: Record<number, ProcessInfo> = { [process.pid]: { state: 'R', startTime: '100' }, ...others };
  return { bootId: () => 'this-boot', process: (pid) => table[pid] ?? null };
}

/** A live process that has nothing to do with any lock. */
function sleeper(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

describe('parseProcStat', () => {
  it('reads the state and start time after the last parenthesis of the command name', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'Z';
    fields[19] = '987654';
    expect(parseProcStat(`42 (a) (b c) ${fields.join(' ')}\n`)).toEqual({ state: 'Z', startTime: '987654' });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it.runIf(LINUX)('agrees with /proc about this process', () => {
    expect(PROC.process(process.pid)?.state).toMatch(/^[RS]$/);
    expect(PROC.process(2 ** 22 + 1)).toBeNull(); // above pid_max: never a process
  });
});

describe('a stale lock is taken over, and the log says why', () => {
  it('when its process is a zombie (fake table)', () => {
    const dir = freshDir();
    writeLock(dir, { pid: 4242, boot: 'this-boot', start: '7' });
    const log = takeOver(dir, fakeTable({ 4242: { state: 'Z', startTime: '7' } }));
    expect(log).toEqual([expect.stringMatching(/process 4242, whose lock was stale: .*zombie/)]);
  });

  it.runIf(LINUX)('when its process is a real zombie (killed, not yet reaped)', async () => {
    // `sleep 0` exits at once; its parent then execs `sleep 30`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(parent);
    const [out] = (await once(parent.stdout!, 'data')) as [Buffer];
    const pid = Number(out.toString().trim());
    // Up to 10 s: on a loaded machine `sleep 0` can take seconds to be scheduled and exit.
    for (let i = 0; i < 500 && PROC.process(pid)?.state !== 'Z'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const zombie = PROC.process(pid);
    expect(zombie?.state).toBe('Z');
    const dir = freshDir();
    writeLock(dir, { pid, boot: PROC.bootId()!, start: zombie!.startTime });
    expect(takeOver(dir)).toEqual([expect.stringMatching(/zombie/)]);
  });

  it.runIf(LINUX)('when its pid now belongs to another live process (a reused pid)', async () => {
    const other = sleeper();
    await once(other, 'spawn');
    const dir = freshDir();
    writeLock(dir, { pid: other.pid!, boot: PROC.bootId()!, start: '1' });
    expect(takeOver(dir)).toEqual([expect.stringMatching(`pid ${other.pid} now belongs to another process`)]);
    // Our own pid with another start time: a previous life of this pid.
    writeLock(dir, { pid: process.pid, boot: PROC.bootId()!, start: '1' });
    expect(takeOver(dir)).toHaveLength(1);
  });

  it.runIf(LINUX)('when it was taken before the machine restarted', async () => {
    const other = sleeper();
    await once(other, 'spawn');
    const dir = freshDir();
    const start = PROC.process(other.pid!)!.startTime;
    writeLock(dir, { pid: other.pid!, boot: 'a-boot-long-ago', start });
    expect(takeOver(dir)).toEqual([expect.stringMatching(/before the machine restarted/)]);
  });

  it('when its process is gone, or it names no process (fake table)', () => {
    const dir = freshDir();
    writeLock(dir, { pid: 4343, boot: 'this-boot', start: '9' });
    expect(takeOver(dir, fakeTable({}))).toEqual([expect.stringMatching(/its process is gone/)]);
    writeFileSync(join(dir, LOCK_FILE), '{"pid":"x"}');
    expect(takeOver(dir, fakeTable({}))).toEqual([expect.stringMatching(/unreadable lock/)]);
  });
});

describe('a live holder keeps its lock', () => {
  it.runIf(LINUX)('when pid, boot and start time all match a running process', async () => {
    const other = sleeper();
    await once(other, 'spawn');
    const dir = freshDir();
    const owner = { pid: other.pid!, boot: PROC.bootId()!, start: PROC.process(other.pid!)!.startTime };
    writeLock(dir, owner);
    expect(() => acquireDataDirLock(dir, { log: () => {} })).toThrow(DataDirLockedError);
    expect(lockOwner(dir)).toEqual(owner);
  });

  it('in a fake table too, and an old pid-only lock of a live process', () => {
    const dir = freshDir();
    const table = fakeTable({ 4444: { state: 'S', startTime: '12' } });
    writeLock(dir, { pid: 4444, boot: 'this-boot', start: '12' });
    expect(() => acquireDataDirLock(dir, { processes: table })).toThrow(/in use by process 4444/);
    writeFileSync(join(dir, LOCK_FILE), '4444\n');
    expect(() => acquireDataDirLock(dir, { processes: table })).toThrow(/in use by process 4444/);
  });
});

describe('racing to take over one stale lock', () => {
  it('lets exactly one of several processes in', async () => {
    const dir = freshDir();
    writeLock(dir, { pid: 2 ** 22 + 3, boot: PROC.bootId() ?? 'x', start: '1' });
    // Each process loads the module, waits for "go" on stdin, then tries; a winner holds on.
    const script = [
      "import { acquireDataDirLock } from './runtime/db/lock-file.ts';",
      "process.stdin.once('data', () => {",
      "  try { acquireDataDirLock(process.env.LOCK_DIR, { log: () => {} }); console.log('locked'); setInterval(() => {}, 1000); }",
      "  catch (e) { console.log(e.name === 'DataDirLockedError' ? 'refused' : 'error ' + e.message); process.exit(0); }",
      '});',
      "console.log('ready');",
    ].join('\n');
    const racers = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, LOCK_DIR: dir },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.push(child);
      return child;
    });
    const lines = racers.map((child) => {
      const seen: string[] = [];
      child.stdout!.on('data', (b: Buffer) => seen.push(...b.toString().trim().split('\n')));
      return seen;
    });
    const wait = async (done: (seen: string[]) => boolean) => {
      for (let i = 0; i < 600 && !lines.every(done); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await wait((seen) => seen.includes('ready'));
    for (const child of racers) child.stdin!.write('go\n');
    await wait((seen) => seen.length > 1);
    const outcomes = lines.map((seen) => seen[1]).sort();
    expect(outcomes).toEqual(['locked', 'refused', 'refused', 'refused']);
    const winner = racers[lines.findIndex((seen) => seen[1] === 'locked')]!;
    expect(lockOwner(dir)?.pid).toBe(winner.pid);
    winner.kill('SIGTERM');
    await once(winner, 'exit');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);
});
