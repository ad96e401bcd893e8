/**
 * The records of an area bundle (docs/offline.md): the chosen records of the module's top level (the
 * first level with a geometry; by id, or those intersecting a bbox), their ancestors (the rules of
 * their forms read them) and all their descendants, each within the caller's read scope. Ids first
 * (with each row's JSON size, for the estimate), level by level, parents before children, so the
 * limits are checked before any record is read; then the records, as the GET list returns them.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { AccessScope } from '../records/access.ts';
import type { LevelPlan, ModulePlan } from '../records/model/module-plan.ts';
import { type ApiRecord, readRecords } from '../records/read/read-records.ts';
import { allOf, columnOf, isAnyOf, recordsDb, tableAs } from '../records/sql/dynamic.ts';

/** Most top-level records one bundle takes. */
export const MAX_TOP_RECORDS = 5_000;
/** Most records one bundle takes, all levels together. */
export const MAX_BUNDLE_RECORDS = 50_000;
const READ_CHUNK = 1_000;

export type Selection =
  | { readonly bbox: readonly [number, number, number, number] }
  | { readonly sites: readonly string[] };

export interface LevelIds {
  readonly ids: string[];
  /** Sum of the rows' JSON sizes (their own table's columns): the estimate's share of this level. */
  bytes: number;
}

/** The level whose records are "sites": the first level (parents first) that has a geometry. */
export function topLevel(module: ModulePlan): LevelPlan {
  for (const level of module.protocol.levels) {
    const plan = module.levels.get(level.key);
    if (plan?.hasGeometry) return plan;
  }
  const first = module.levels.get(module.protocol.levels[0]?.key ?? '');
  if (!first) throw new Error(`${module.protocol.code} has no level`);
  return first;
}

const tooMany = (message: string, limit: number) =>
  new HttpError(413, 'bundle_too_large', message, [
    { path: '/query', code: 'bundle_too_large', message, limit },
  ]);

export interface BundleLimits {
  readonly top: number;
  readonly total: number;
}

const LIMITS: BundleLimits = { top: MAX_TOP_RECORDS, total: MAX_BUNDLE_RECORDS };
type Row = Readonly<Record<string, unknown>>;

/**
 * The ids of the bundle's records, by level key (levels without any are left out): the chosen top-level
 * records, all their descendants, then every record these link to as a parent (ancestors of the chosen
 * ones, a visit's campaign…), all within the read scope.
 */
export async function selectBundleIds(
  db: Database,
  module: ModulePlan,
  access: AccessScope,
  selection: Selection,
  limits: BundleLimits = LIMITS,
): Promise<Map<string, LevelIds>> {
  const top = topLevel(module);
  const out = new Map<string, LevelIds>();
  const rowsOf = new Map<string, Row[]>();
  let total = 0;
  const pick = async (plan: LevelPlan, where: Expression<SqlBool>, max: number): Promise<Row[]> => {
    const read = access.where({ module: plan.module, level: plan.level.key, action: 'read', alias: 'r' });
    return recordsDb(db)
      .selectFrom(tableAs(plan.shape.table, 'r'))
      .select([
        columnOf<string>('r', 'id').as('id'),
        sql<number>`octet_length(row_to_json(${sql.id('r')})::text)`.as('bytes'),
        ...plan.parents.map((p) => columnOf('r', p.column).as(p.column)),
      ])
      .where(allOf([where, read]))
      .orderBy(columnOf('r', 'id'))
      .limit(max + 1)
      .execute() as Promise<Row[]>;
  };
  const keep = (plan: LevelPlan, rows: readonly Row[]) => {
    total += rows.length;
    if (total > limits.total)
      throw tooMany(
        `La zone compte plus de ${limits.total} enregistrements en tout : choisissez-en une plus petite.`,
        limits.total,
      );
    const key = plan.level.key;
    const level = out.get(key) ?? { ids: [], bytes: 0 };
    for (const r of rows) {
      level.ids.push(String(r.id));
      level.bytes += Number(r.bytes);
    }
    if (level.ids.length > 0) out.set(key, level);
    rowsOf.set(key, [...(rowsOf.get(key) ?? []), ...rows]);
  };

  const chosen =
    'bbox' in selection
      ? sql<SqlBool>`ST_Intersects(${columnOf('r', 'geom')}, ST_MakeEnvelope(${selection.bbox[0]}::float8, ${selection.bbox[1]}::float8, ${selection.bbox[2]}::float8, ${selection.bbox[3]}::float8, 4326))`
      : isAnyOf(columnOf('r', 'id'), selection.sites, 'uuid[]');
  const topRows = await pick(top, chosen, limits.top);
  if (topRows.length > limits.top)
    throw tooMany(
      `La zone compte plus de ${limits.top} ${top.level.plural.fr.toLowerCase()} : choisissez-en une plus petite.`,
      limits.top,
    );
  keep(top, topRows);

  // Descendants, level by level (parents first): records under any record already below the chosen ones.
  const down = new Set([top.level.key]);
  for (const level of module.protocol.levels) {
    const plan = module.levels.get(level.key);
    if (!plan || down.has(level.key)) continue;
    const links = plan.parents.filter((p) => down.has(p.key) && (out.get(p.key)?.ids.length ?? 0) > 0);
    if (links.length === 0) continue;
    const under = sql<SqlBool>`${sql.join(
      links.map((p) => isAnyOf(columnOf('r', p.column), out.get(p.key)?.ids ?? [], 'uuid[]')),
      sql` OR `,
    )}`;
    keep(plan, await pick(plan, under, limits.total - total));
    down.add(level.key);
  }

  // Upward: the parents every record names, until none is missing (readable ones only).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, rows] of [...rowsOf]) {
      for (const link of module.levels.get(key)?.parents ?? []) {
        const parent = module.levels.get(link.key);
        const known = new Set(out.get(link.key)?.ids ?? []);
        const missing = [...new Set(rows.map((r) => r[link.column]))].filter(
          (id): id is string => typeof id === 'string' && !known.has(id),
        );
        if (!parent || missing.length === 0) continue;
        const found = await pick(
          parent,
          isAnyOf(columnOf('r', 'id'), missing, 'uuid[]'),
          limits.total - total,
        );
        // Unreadable parents stay out; ask for them once only.
        for (const id of missing) known.add(id);
        if (found.length > 0) {
          keep(parent, found);
          changed = true;
        }
      }
    }
  }
  return out;
}

/** The records of `ids`, as the GET list returns them, level by level. */
export async function readBundleRecords(
  db: Database,
  module: ModulePlan,
  ids: ReadonlyMap<string, LevelIds>,
): Promise<Record<string, ApiRecord[]>> {
  const out: Record<string, ApiRecord[]> = {};
  for (const level of module.protocol.levels) {
    const plan = module.levels.get(level.key);
    const chosen = ids.get(level.key)?.ids ?? [];
    if (!plan || chosen.length === 0) continue;
    const records: ApiRecord[] = [];
    for (let start = 0; start < chosen.length; start += READ_CHUNK)
      records.push(
        ...(await readRecords(db, plan, {
          where: [isAnyOf(columnOf('r', 'id'), chosen.slice(start, start + READ_CHUNK), 'uuid[]')],
          orderBy: [{ expression: columnOf('r', 'id'), direction: 'asc' }],
        })),
      );
    out[level.key] = records;
  }
  return out;
}
