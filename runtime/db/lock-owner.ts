/**
 * Who holds a data-dir lock, as written in the lock file, and whether that holder still runs. The file
 * holds one JSON line `{"pid":…,"boot":…,"start":…}`: the pid, the boot id and the process start time
 * (process-table.ts). A file of an older Suivi holds only the pid; it is judged on the pid alone.
 */
import { type ProcessTable, signalsReach } from './process-table.ts';

export interface LockOwner {
  readonly pid: number;
  /** /proc/sys/kernel/random/boot_id when the lock was taken. */
  readonly boot?: string;
  /** Field 22 of /proc/<pid>/stat when the lock was taken. */
  readonly start?: string;
}

const isPid = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;

/** This process, as it writes itself in a lock. */
export function ownRecord(processes: ProcessTable): LockOwner {
  const boot = processes.bootId();
  const start = processes.process(process.pid)?.startTime;
  return { pid: process.pid, ...(boot ? { boot } : {}), ...(start ? { start } : {}) };
}

export const formatOwner = (owner: LockOwner): string => `${JSON.stringify(owner)}\n`;

/** The owner a lock file names; undefined when the text names none (garbage, empty). */
export function parseOwner(text: string): LockOwner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number(trimmed);
    return isPid(pid) ? { pid } : undefined;
  }
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    if (!isPid(value?.pid)) return undefined;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const boot = text(value.boot);
    const start = text(value.start);
    return { pid: value.pid, ...(boot ? { boot } : {}), ...(start ? { start } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Why the lock of `owner` is stale, or undefined while its holder runs. `heldHere`: this process holds
 * the lock (our own pid in a lock we do not hold is a previous incarnation's: pid 1 in a restarted
 * container).
 */
export function staleReason(
  owner: LockOwner | undefined,
  processes: ProcessTable,
  heldHere: boolean,
): string | undefined {
  if (owner === undefined) return 'the lock file names no process';
  if (owner.pid === process.pid)
    return heldHere ? undefined : 'it names this process, which does not hold it';
  const boot = processes.bootId();
  if (owner.boot !== undefined && boot !== undefined && owner.boot !== boot)
    return 'it was taken before the machine restarted';
  const info = processes.process(owner.pid);
  if (info === undefined) return signalsReach(owner.pid) ? undefined : 'its process is gone';
  if (info === null) return 'its process is gone';
  if (info.state === 'Z' || info.state === 'X') return 'its process has ended (a zombie not yet reaped)';
  if (owner.start !== undefined && owner.start !== info.startTime)
    return `pid ${owner.pid} now belongs to another process`;
  return undefined;
}
