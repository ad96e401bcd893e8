/**
 * The parents a batch's records link to, read before the batch is validated: one `readRecords` per
 * level (id = ANY, the same `read` predicate as the record API's parent check), then their own parents
 * the same way, up to the top. `validateRecord` then takes them from here (`PreloadedParents`) instead
 * of reading each parent once per distinct statement: fifty observations of one visit, one read for the
 * whole batch. Nothing is written while a batch is validated, so these are what it would have read.
 */
import type { Queryable } from '../../db/database.ts';
import type { AccessScope } from '../../records/access.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import { readRecords } from '../../records/read/read-records.ts';
import { columnOf, isAnyOf } from '../../records/sql/dynamic.ts';
import type { PreloadedParents } from '../../records/validate/parents.ts';

type Row = Readonly<Record<string, unknown>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function preloadParents(
  db: Queryable,
  module: ModulePlan,
  access: AccessScope,
  plan: LevelPlan,
  bodies: readonly Row[],
): Promise<PreloadedParents> {
  const loaded = new Map<string, Map<string, Row | null>>();
  let wanted = new Map<string, Set<string>>();
  const want = (level: string, id: unknown) => {
    // Ill-formed ids are the envelope's to refuse; they are never looked up.
    if (typeof id !== 'string' || !UUID.test(id)) return;
    const key = id.toLowerCase();
    if (loaded.get(level)?.has(key)) return;
    const set = wanted.get(level) ?? new Set<string>();
    set.add(key);
    wanted.set(level, set);
  };
  for (const body of bodies) for (const p of plan.parents) want(p.key, body[p.column]);
  while (wanted.size > 0) {
    const round = wanted;
    wanted = new Map();
    for (const [level, ids] of round) {
      const parentPlan = module.levels.get(level);
      if (!parentPlan) continue;
      const records = await readRecords(db, parentPlan, {
        where: [
          isAnyOf(columnOf('r', 'id'), [...ids], 'uuid[]'),
          access.where({ module: parentPlan.module, level, action: 'read', alias: 'r' }),
        ],
      });
      const byId = loaded.get(level) ?? new Map<string, Row | null>();
      loaded.set(level, byId);
      for (const id of ids) byId.set(id, null);
      for (const r of records) byId.set(String(r.id), r);
      for (const r of records) for (const up of parentPlan.parents) want(up.key, r[up.column]);
    }
  }
  return {
    get(level, id) {
      const record = loaded.get(level)?.get(id.toLowerCase());
      // A copy: the validation must not change what the next record of the batch reads.
      return record ? { ...record } : record;
    },
  };
}
