/**
 * BENCH_IMPORT_PROFILE=1: a Database wrapper timing every statement by its text (parameters aside),
 * to see which statements per row dominate an import. Bench-only: the runtime never wraps its database.
 */
import type { Database, Queryable } from '../runtime/db/database.ts';

interface Stat {
  count: number;
  ms: number;
}

export interface QueryProfile {
  readonly db: Database;
  report(top: number): string;
}

const shape = (text: string) => text.replace(/\s+/g, ' ').slice(0, 160);

export function profiled(inner: Database): QueryProfile {
  const stats = new Map<string, Stat>();
  const timed = (q: Queryable): Queryable => ({
    async query(text, params) {
      const t = performance.now();
      try {
        return await q.query(text, params);
      } finally {
        const key = shape(text);
        const s = stats.get(key) ?? { count: 0, ms: 0 };
        s.count++;
        s.ms += performance.now() - t;
        stats.set(key, s);
      }
    },
    exec: (script) => q.exec(script),
  });
  const db: Database = {
    ...timed(inner),
    engine: inner.engine,
    transaction: (work) => inner.transaction((tx) => work(timed(tx))),
    close: () => inner.close(),
  };
  return {
    db,
    report(top) {
      const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
      return rows
        .map(([text, s]) => `${s.ms.toFixed(0).padStart(8)} ms ${String(s.count).padStart(7)}×  ${text}`)
        .join('\n');
    },
  };
}
