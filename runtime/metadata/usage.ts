/**
 * Where each dataset is used: the modules whose protocol names it (its defaults and its dataset fields'
 * offers) and the records whose dataset field holds it. Read from the served modules' resolved protocols
 * (the generated IR), never from a second description of the modules.
 */
import { ident, type Queryable, qualified } from '../db/database.ts';
import type { ModuleRuntime } from '../modules/load.ts';

export interface DatasetUsage {
  /** Module codes whose spec names the dataset, sorted. */
  readonly modules: readonly string[];
  readonly records: number;
}

/** The datasets a protocol names: its defaults and those its dataset fields offer. */
function datasetsOf(module: ModuleRuntime): string[] {
  const fields = module.protocol.levels.flatMap((l) => l.fields);
  return [...module.protocol.datasets, ...fields.flatMap((f) => (f.kind === 'dataset' ? f.datasets : []))];
}

/** The level tables' dataset columns: a level field of kind dataset is stored in a column of its key. */
function datasetColumns(module: ModuleRuntime): { level: string; column: string }[] {
  return module.protocol.levels.flatMap((l) =>
    l.fields.filter((f) => f.kind === 'dataset').map((f) => ({ level: l.key, column: f.key })),
  );
}

export async function datasetUsage(
  db: Queryable,
  modules: readonly ModuleRuntime[],
): Promise<ReadonlyMap<string, DatasetUsage>> {
  const byDataset = new Map<string, { modules: Set<string>; records: number }>();
  const entry = (id: string) => {
    let found = byDataset.get(id);
    if (!found) {
      found = { modules: new Set(), records: 0 };
      byDataset.set(id, found);
    }
    return found;
  };
  for (const module of modules) {
    for (const id of datasetsOf(module)) entry(id).modules.add(module.code);
    for (const { level, column } of datasetColumns(module)) {
      // The dataset column has a btree (generators/sql/indexes.ts: every foreign key): an index scan.
      const c = ident(column);
      const { rows } = await db.query<{ id: string; n: number }>(
        `SELECT ${c}::text AS id, count(*)::integer AS n FROM ${qualified(module.code, level)} WHERE ${c} IS NOT NULL GROUP BY 1`,
      );
      for (const row of rows) {
        const e = entry(row.id);
        e.records += Number(row.n);
        e.modules.add(module.code);
      }
    }
  }
  return new Map(
    [...byDataset].map(([id, u]) => [id, { modules: [...u.modules].sort(), records: u.records }]),
  );
}
