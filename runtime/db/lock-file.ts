/**
 * A pid lock file for an embedded data directory. PGlite has no cross-process lock: two processes on one
 * data dir silently lose writes. The lock is `<dataDir>/suivi.lock` holding the owner's pid; a lock whose
 * process is gone (crash, kill -9) is taken over.
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'suivi.lock';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** Lock files this process holds (absolute paths), with their release. */
const heldHere = new Map<string, () => void>();

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `${lockFile}: the data directory is in use by process ${pid}` +
        `${pid === process.pid ? ' (this process)' : ''}. Stop it first (a running \`npm start\`?), ` +
        'or choose another directory with --data-dir. If no such process runs, delete the lock file.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock or throws DataDirLockedError. The file appears with its content already written (a
 * temporary file is hard-linked into place, which fails atomically if the lock exists), so a concurrent
 * opener never reads an empty lock.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(resolve(dataDir), LOCK_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temporary, file);
        return holdLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readPid(file);
      // Our own pid in a lock we do not hold is a previous incarnation's (pid 1 in a restarted container).
      const live = owner === process.pid ? heldHere.has(file) : owner !== undefined && isAlive(owner);
      if (live && owner !== undefined) throw new DataDirLockedError(file, owner);
      // Stale (or unreadable) lock: remove it only if it still holds what we read, then try again.
      if (readPid(file) === owner) unlinkIfPresent(file);
    }
    throw new Error(`${file}: could not take the lock (another process keeps taking it)`);
  } finally {
    unlinkSync(temporary);
  }
}

const unlinkIfPresent = (file: string) => {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

const releaseAll = () => {
  for (const release of [...heldHere.values()]) release();
};

/**
 * One handler per signal while any lock is held. If nobody else handles the signal, release every lock
 * and re-raise it, so the process still ends as it would have. If the application handles it, shutting
 * down is its job (it closes the database, which releases the lock); the exit hook covers an
 * application that exits without closing.
 */
const onSignal = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.kill(process.pid, signal);
};

function holdLock(file: string): DataDirLock {
  const release = () => {
    if (!heldHere.delete(file)) return;
    if (heldHere.size === 0) {
      process.removeListener('exit', releaseAll);
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    }
    if (readPid(file) === process.pid) unlinkIfPresent(file);
  };
  if (heldHere.size === 0) {
    process.on('exit', releaseAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  heldHere.set(file, release);
  return { file, release };
}
