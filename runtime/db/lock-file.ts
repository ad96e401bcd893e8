/**
 * A lock file for an embedded data directory. PGlite has no cross-process lock: two processes on one
 * data dir silently lose writes. The lock is `<dataDir>/suivi.lock` naming its holder (pid, boot id and
 * process start time: lock-owner.ts); a lock whose holder no longer runs (gone, a zombie after kill -9,
 * another boot, its pid reused by another process) is taken over, and the log says so.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOwner, ownRecord, parseOwner, staleReason } from './lock-owner.ts';
import { type ProcessTable, procProcessTable } from './process-table.ts';

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
        'or choose another directory with --data-dir.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export interface LockOptions {
  /** Where process states come from (default /proc; tests pass a fake one). */
  readonly processes?: ProcessTable;
  /** Where a take-over is reported (default console.warn). */
  readonly log?: (message: string) => void;
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Removes the stale lock whose text we read, and nothing else. Renaming is atomic: whatever is at
 * `file` now becomes ours alone to look at. If it is not what we judged stale (another process took
 * the lock in between), it goes back where it was.
 */
function setAside(file: string, judged: string): boolean {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = readText(aside);
  try {
    if (moved === judged) return true;
    try {
      linkSync(aside, file);
    } catch (error) {
      // EEXIST: a third opener got in meanwhile; the lock we moved was lost anyway.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return false;
  } finally {
    unlinkIfPresent(aside);
  }
}

/**
 * Takes the lock or throws DataDirLockedError. The file appears with its content already written (a
 * temporary file is hard-linked into place, which fails atomically if the lock exists), so a concurrent
 * opener never reads an empty lock.
 */
export function acquireDataDirLock(dataDir: string, options: LockOptions = {}): DataDirLock {
  const processes = options.processes ?? procProcessTable();
  const log = options.log ?? ((message: string) => console.warn(message));
  const file = join(resolve(dataDir), LOCK_FILE);
  const mine = formatOwner(ownRecord(processes));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, mine);
  let removed: string | undefined;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temporary, file);
        if (removed) log(`${file}: took over the data directory from ${removed}.`);
        return holdLock(file, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = readText(file);
      if (seen === undefined) continue; // released meanwhile: try again
      const owner = parseOwner(seen);
      const reason = staleReason(owner, processes, heldHere.has(file));
      if (reason === undefined && owner !== undefined) throw new DataDirLockedError(file, owner.pid);
      if (setAside(file, seen))
        removed = owner ? `process ${owner.pid}, whose lock was stale: ${reason}` : 'an unreadable lock';
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

function holdLock(file: string, mine: string): DataDirLock {
  const release = () => {
    if (!heldHere.delete(file)) return;
    if (heldHere.size === 0) {
      process.removeListener('exit', releaseAll);
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    }
    if (readText(file) === mine) unlinkIfPresent(file);
  };
  if (heldHere.size === 0) {
    process.on('exit', releaseAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  heldHere.set(file, release);
  return { file, release };
}
