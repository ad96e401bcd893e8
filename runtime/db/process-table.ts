/**
 * What the system says about a process, for the data-dir lock: whether it exists, whether it is a zombie,
 * and when it started; and which boot this is. On Linux from /proc; elsewhere only `kill(pid, 0)`,
 * which cannot tell a zombie or a reused pid from the lock's owner.
 *
 * Why /proc and not `kill(pid, 0)` alone: a process killed with SIGKILL stays a zombie until its parent
 * reaps it (about 1.5 s under `npm start`'s shell), and `kill` succeeds on a zombie; and a pid is reused
 * by unrelated processes, most visibly pid 1 in every container. The start time (in clock ticks since
 * boot, field 22 of /proc/<pid>/stat) together with the boot id names one process for good.
 */
import { readFileSync } from 'node:fs';

export interface ProcessInfo {
  /** One letter, as /proc shows it: R, S, D, Z (zombie), X (dead), T… */
  readonly state: string;
  /** Clock ticks since boot when the process started: with the pid and the boot, names one process. */
  readonly startTime: string;
}

export interface ProcessTable {
  /** This boot's id; undefined where the system does not tell. */
  bootId(): string | undefined;
  /**
   * The process `pid`: null when there is no such process, undefined when the system cannot tell
   * (no /proc): callers then fall back on `kill(pid, 0)`.
   */
  process(pid: number): ProcessInfo | null | undefined;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself hold spaces and
 * parentheses, so the fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcessInfo | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
  const state = fields[0];
  const startTime = fields[19];
  if (!state || !startTime || !/^\d+$/.test(startTime)) return undefined;
  return { state, startTime };
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The Linux /proc reader (`root` is there for tests that lay out a fake one). */
export function procProcessTable(root = '/proc'): ProcessTable {
  return {
    bootId: () => readText(`${root}/sys/kernel/random/boot_id`)?.trim() || undefined,
    process(pid) {
      try {
        return parseProcStat(readFileSync(`${root}/${pid}/stat`, 'utf8')) ?? undefined;
      } catch (error) {
        // No such entry while /proc itself answers: the process is gone. Anything else (no /proc,
        // hidepid, EACCES): we cannot tell.
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'ENOENT' && readText(`${root}/self/stat`) !== undefined ? null : undefined;
      }
    },
  };
}

/** `kill(pid, 0)`: true while the process exists (zombies included); EPERM means it exists. */
export function signalsReach(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
