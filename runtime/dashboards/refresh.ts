/**
 * Keeping the dashboards' materialized views current. `refreshDashboards(db, code)` refreshes a module's
 * views now (CONCURRENTLY: readers keep the previous figures meanwhile, never wait); the refresher below
 * debounces it after writes, so a burst of saves or an import costs one refresh, not one per request.
 */
import { type Queryable, qualified } from '../db/database.ts';

/** The module's dashboard views present in the database (none for a module without dashboards). */
async function dashboardViews(db: Queryable, code: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT matviewname AS name FROM pg_matviews WHERE schemaname = $1 AND matviewname LIKE 'dash\\_%' ORDER BY 1",
    [code],
  );
  return rows.map((r) => r.name);
}

/** Refreshes every dashboard view of `moduleCode` now. Safe to call for a module that has none. */
export async function refreshDashboards(db: Queryable, moduleCode: string): Promise<void> {
  for (const view of await dashboardViews(db, moduleCode))
    await db.exec(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${qualified(moduleCode, view)}`);
}

export interface DashboardRefresher {
  /** A write happened in `moduleCode`: its dashboards are refreshed once the writes pause for `delayMs`. */
  schedule(moduleCode: string): void;
  /** Runs every pending refresh now and waits for them (tests, shutdown). */
  flush(): Promise<void>;
}

/**
 * One refresh per module at a time: a write during a refresh marks the module again, and it is refreshed
 * once more after. A failed refresh is reported and forgotten: the next write tries again.
 */
export function dashboardRefresher(
  db: Queryable,
  options: { readonly delayMs?: number; readonly onError?: (error: unknown, code: string) => void } = {},
): DashboardRefresher {
  const delayMs = options.delayMs ?? 2000;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const run = (code: string): Promise<void> => {
    timers.delete(code);
    const current = running.get(code);
    if (current) {
      again.add(code);
      return current;
    }
    const work = refreshDashboards(db, code)
      .catch((error: unknown) => options.onError?.(error, code))
      .finally(() => {
        running.delete(code);
        if (again.delete(code)) schedule(code);
      });
    running.set(code, work);
    return work;
  };

  const schedule = (code: string) => {
    const timer = timers.get(code);
    if (timer) clearTimeout(timer);
    const next = setTimeout(() => void run(code), delayMs);
    // A pending refresh never keeps the process alive.
    next.unref?.();
    timers.set(code, next);
  };

  const flush = async () => {
    for (const code of [...timers.keys()]) {
      clearTimeout(timers.get(code));
      void run(code);
    }
    while (running.size > 0 || timers.size > 0) {
      await Promise.all([...running.values()]);
      for (const code of [...timers.keys()]) {
        clearTimeout(timers.get(code));
        void run(code);
      }
    }
  };

  return { schedule, flush };
}
