/**
 * The sync feed of a module's occurrences (GN2GN-style pull): the record-history rows after a cursor,
 * turned into the occurrences they touch, each sent in its current SINP shape (the module's generated
 * view v_occurrence_sinp) or as a deletion when it is no longer there for this reader (deleted, made
 * confidential, or out of the reader's scope). A consumer that applies every page ends with exactly the
 * occurrences the source shows it.
 *
 * Never missing a late commit: history rows are read in (tx, id) order and only below the safe horizon
 * (SAFE_HORIZON): the oldest transaction still running, leaving out those known to run in another
 * database of the cluster (they cannot write this database's history; without this, any long transaction
 * elsewhere on the server would stall the feed). Every transaction below it has ended, so no row can
 * later appear before the cursor; a transaction that commits late holds the horizon back until it ends,
 * then its rows are read in their place.
 *
 * A change of a site or a visit touches the occurrences under it (their SINP row carries its date,
 * observers and geometry): the feed sends those occurrences again.
 */
import { sql } from 'kysely';
import { SINP_VIEW_NAME } from '../../generators/model/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { diffusionLevelOf, sensitivityLevelOf } from '../metadata/diffusion.ts';
import type { AccessScope } from '../records/access.ts';
import type { LevelPlan, ModulePlan } from '../records/model/module-plan.ts';
import { allOf, columnOf, isAnyOf, recordsDb, tableAs } from '../records/sql/dynamic.ts';
import { type Cursor, formatCursor } from './cursor.ts';

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 5000;

export type ChangeItem =
  | { readonly op: 'upsert'; readonly id: string; readonly occurrence: Record<string, unknown> }
  | { readonly op: 'delete'; readonly id: string };

export interface ChangesPage {
  readonly items: readonly ChangeItem[];
  readonly next_cursor: string;
  readonly has_more: boolean;
}

interface Touched {
  readonly id: number;
  readonly tx: string;
  readonly level_key: string;
  readonly record_id: string;
}

/**
 * The oldest transaction of the statement's snapshot still in progress, unless pg_stat_activity shows it
 * running in another database; else the snapshot's xmax. A transaction that ends between the snapshot and
 * the read of pg_stat_activity is not found there, so it is kept: the horizon errs on the side of waiting.
 */
const SAFE_HORIZON = sql<string>`coalesce(
  (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_stat_activity AS a WHERE a.backend_xid = x::xid AND a.datname <> current_database())),
  pg_snapshot_xmax(pg_current_snapshot()))`;

/**
 * Whether every transaction that began before `mark` (a `pg_current_xact_id()`) has ended, as the feed's
 * horizon sees it: a reader that wrote through other connections waits on this before pulling.
 */
export async function horizonPassed(db: Queryable, mark: string): Promise<boolean> {
  const { rows } = await sql<{ passed: boolean }>`SELECT ${SAFE_HORIZON} > ${mark}::xid8 AS passed`.execute(
    coreDb(db),
  );
  return rows[0]?.passed === true;
}

async function historyAfter(db: Queryable, module: string, since: Cursor, limit: number): Promise<Touched[]> {
  const rows = await coreDb(db)
    .selectFrom('suivi.record_history as h')
    .select(['h.id', sql<string>`h.tx::text`.as('tx'), 'h.level_key', 'h.record_id'])
    .where('h.module_code', '=', module)
    .where(sql<boolean>`h.tx < ${SAFE_HORIZON}`)
    .where(sql<boolean>`(h.tx, h.id) > (${since.tx}::xid8, ${since.id}::bigint)`)
    .orderBy('h.tx')
    .orderBy('h.id')
    .limit(limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The ids at `occurrence` under the records `ids` of `level`, through the levels' parent links. */
async function occurrencesUnder(
  db: Queryable,
  module: ModulePlan,
  level: string,
  ids: readonly string[],
  occurrence: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  if (level === occurrence) return [...ids];
  const out: string[] = [];
  for (const child of module.levels.get(level)?.children ?? []) {
    const plan = module.levels.get(child.key);
    if (!plan) continue;
    const rows = await recordsDb(db)
      .selectFrom(tableAs(plan.shape.table, 'c'))
      .select(columnOf<string>('c', 'id').as('id'))
      .where(isAnyOf(columnOf('c', child.column), ids, 'uuid[]'))
      .execute();
    out.push(
      ...(await occurrencesUnder(
        db,
        module,
        child.key,
        rows.map((r) => String(r.id)),
        occurrence,
      )),
    );
  }
  return out;
}

/** The SINP rows of `ids` the reader may read and export, by id. */
async function sinpRows(
  db: Queryable,
  plan: LevelPlan,
  access: AccessScope,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const scope = (action: 'read' | 'export') =>
    access.where({ module: plan.module, level: plan.level.key, action, alias: 'r' });
  const rows = await recordsDb(db)
    .selectFrom(tableAs({ schema: plan.module, name: SINP_VIEW_NAME }, 'v'))
    .innerJoin(tableAs(plan.shape.table, 'r'), (j) =>
      j.on(sql<boolean>`${columnOf('r', 'id')} = ${columnOf('v', 'id_sinp_occtax')}`),
    )
    // The dataset's SINP levels join the view's row (as the SINP export reads them: sinp-fields.ts).
    .leftJoin('suivi.dataset as d', (j) => j.on(columnOf('d', 'id'), '=', columnOf('v', 'jdd_uuid')))
    .select([
      columnOf<string>('v', 'id_sinp_occtax').as('id'),
      sql<string>`(to_jsonb(v) || jsonb_build_object('diffusion_niveau_precision', ${diffusionLevelOf('d')}, 'sensi_niveau', ${sensitivityLevelOf('d')}))::text`.as(
        'occurrence',
      ),
    ])
    .where(allOf([isAnyOf(columnOf('v', 'id_sinp_occtax'), ids, 'uuid[]'), scope('read'), scope('export')]))
    .execute();
  return new Map(
    rows.map((r) => [String(r.id), JSON.parse(String(r.occurrence)) as Record<string, unknown>]),
  );
}

/** One page of the feed after `since`: at most `limit` history rows read. */
export async function changesPage(
  db: Queryable,
  module: ModulePlan,
  occurrenceLevel: LevelPlan,
  access: AccessScope,
  since: Cursor,
  limit: number,
): Promise<ChangesPage> {
  const rows = await historyAfter(db, occurrenceLevel.module, since, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const byLevel = new Map<string, Set<string>>();
  for (const r of page) byLevel.set(r.level_key, (byLevel.get(r.level_key) ?? new Set()).add(r.record_id));
  const ids = new Set<string>();
  for (const [level, recordIds] of byLevel)
    for (const id of await occurrencesUnder(db, module, level, [...recordIds], occurrenceLevel.level.key))
      ids.add(id);
  const found = await sinpRows(db, occurrenceLevel, access, [...ids]);
  const items: ChangeItem[] = [...ids].map((id) => {
    const occurrence = found.get(id);
    return occurrence ? { op: 'upsert', id, occurrence } : { op: 'delete', id };
  });
  return {
    items,
    next_cursor: formatCursor(last ? { tx: last.tx, id: String(last.id) } : since),
    has_more: rows.length > limit,
  };
}
