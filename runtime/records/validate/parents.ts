/**
 * Stage 3 of validation, the parent links: present as the level requires (all of them, or at least one
 * of several), each naming a record that exists and that the actor may see. The ancestors the level's
 * rules read (`parent.x`, `site.x`, `campaign.x`) are loaded on the way, as rules read them.
 */
import type { Queryable } from '../../db/database.ts';
import type { AccessScope } from '../access.ts';
import type { LevelPlan, ModulePlan } from '../model/module-plan.ts';
import { readRecords } from '../read/read-records.ts';
import { allOf, columnOf, idIs, recordsDb, tableAs } from '../sql/dynamic.ts';
import { ruleView } from './field-values.ts';
import type { Scopes } from './rule-context.ts';
import type { Violation } from './violation.ts';

/**
 * Parents read beforehand for many records at once (the import's batches), each in full as
 * `readRecords` gives it: `null` when it was looked for and is missing or not readable, `undefined`
 * when it was not read (then it is read here).
 */
export interface PreloadedParents {
  get(level: string, id: string): Readonly<Record<string, unknown>> | null | undefined;
}

export interface ParentsResult {
  readonly scopes: Scopes;
  readonly violations: readonly Violation[];
}

/** Every level above `key`. */
function ancestorsOf(module: ModulePlan, key: string, seen = new Set<string>()): Set<string> {
  for (const p of module.levels.get(key)?.parents ?? []) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    ancestorsOf(module, p.key, seen);
  }
  return seen;
}

export async function checkParents(
  db: Queryable,
  module: ModulePlan,
  plan: LevelPlan,
  links: Readonly<Record<string, string | null>>,
  access: AccessScope,
  preloaded?: PreloadedParents,
): Promise<ParentsResult> {
  const violations: Violation[] = [];
  const present = plan.parents.filter((p) => links[p.column]);
  if (plan.level.parentsRequired === 'all') {
    for (const p of plan.parents)
      if (!links[p.column]) violations.push({ path: `/${p.column}`, code: 'required' });
  } else if (plan.parents.length > 0 && present.length === 0) {
    const names = plan.parents.map((p) => p.column).join(', ');
    violations.push({ path: '', code: 'required', detail: `au moins un lien parmi ${names}` });
  }
  // A level is worth loading when the rules read it or one of its own ancestors.
  const needed = (key: string) =>
    plan.reads.has(key) || [...ancestorsOf(module, key)].some((a) => plan.reads.has(a));
  const scopes: Record<string, Readonly<Record<string, unknown>>> = {};
  const queue = present.map((p) => ({ key: p.key, id: links[p.column] as string, path: `/${p.column}` }));
  const visited = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || visited.has(next.key)) continue;
    visited.add(next.key);
    const parentPlan = module.levels.get(next.key);
    if (!parentPlan) continue;
    const early = preloaded?.get(next.key, next.id);
    const found =
      early === undefined
        ? await readParent(db, parentPlan, next.id, access, plan.reads.has(next.key))
        : (early ?? undefined);
    if (!found) {
      if (next.path) violations.push({ path: next.path, code: 'parent_missing' });
      continue;
    }
    if (plan.reads.has(next.key)) scopes[next.key] = ruleView(parentPlan.level.fields, found);
    for (const up of parentPlan.parents) {
      const id = found[up.column];
      if (typeof id === 'string' && needed(up.key)) queue.push({ key: up.key, id, path: '' });
    }
  }
  const only = plan.parents.length === 1 ? plan.parents[0] : undefined;
  const parentScope = only ? scopes[only.key] : undefined;
  if (parentScope) scopes.parent = parentScope;
  return { scopes, violations };
}

/** The parent record: in full when rules read it, else only its id and links (to go further up). */
async function readParent(
  db: Queryable,
  plan: LevelPlan,
  id: string,
  access: AccessScope,
  full: boolean,
): Promise<Record<string, unknown> | undefined> {
  const where = [
    idIs(id),
    access.where({ module: plan.module, level: plan.level.key, action: 'read', alias: 'r' }),
  ];
  if (full) {
    const [record] = await readRecords(db, plan, { where });
    return record;
  }
  const columns = ['id', ...plan.parents.map((p) => p.column)];
  return recordsDb(db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(columns.map((c) => columnOf('r', c).as(c)))
    .where(allOf(where))
    .executeTakeFirst();
}
