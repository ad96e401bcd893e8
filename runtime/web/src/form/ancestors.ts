/**
 * The records above a new (or edited) record, by level key: its parent, the parent's parents, and so on
 * up the module's levels — what rules read as `parent.x` and `<level>.x` (`site.roost_type` in an
 * observation's form), loaded before the form opens so defaults, visibility and checks see them.
 */
import { api, type Json, levelUrl, type ModuleSummary } from '../api.ts';

/** Every ancestor reachable from `start` through the `<level>_id` links of the records read on the way. */
export async function loadAncestors(
  module: ModuleSummary,
  start: { readonly level: string; readonly record: Json },
): Promise<Record<string, Json>> {
  const found: Record<string, Json> = { [start.level]: start.record };
  const queue = [start];
  // A level is read once (several parents may share an ancestor); the depth is the module's.
  while (queue.length > 0) {
    const { level, record } = queue.shift() as (typeof queue)[number];
    const parents = module.levels.find((l) => l.key === level)?.parents ?? [];
    for (const up of parents) {
      const id = record[`${up}_id`];
      if (typeof id !== 'string' || Object.hasOwn(found, up)) continue;
      const parent = await api
        .get<Json>(`${levelUrl(module.code, up)}/${encodeURIComponent(id)}`)
        .catch(() => undefined);
      if (!parent) continue;
      found[up] = parent;
      queue.push({ level: up, record: parent });
    }
  }
  return found;
}
