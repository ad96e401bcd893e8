/**
 * Stage 5 of validation, the reference fields (one id, several, or in group rows): each id names a
 * record of the field's level that the actor may read, through the same `read` predicate as lists and
 * GET. The database's foreign key alone would accept any organisation's record, and tie it (ON DELETE
 * RESTRICT) so its owner could no longer delete it. A record that does not exist and one the actor
 * cannot see get the same `not_found`, so the answer never tells that another organisation's record
 * exists; a grant reading that organisation's records (scope `all`) lets them be referenced.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { AccessScope } from '../access.ts';
import type { ModulePlan } from '../model/module-plan.ts';
import type { RecordShape } from '../model/record-shape.ts';
import { allOf, columnOf, isAnyOf, recordsDb, tableAs } from '../sql/dynamic.ts';
import type { Violation } from './violation.ts';

type Row = Readonly<Record<string, unknown>>;

interface Reference {
  readonly path: string;
  /** The level the field points to. */
  readonly level: string;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Only well-formed ids are looked up; anything else is the JSON Schema's to refuse. */
const asId = (v: unknown): string | undefined =>
  typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined;

/** Every reference of `values` (and of its group rows) with its JSON pointer; `skip`: fields left as stored. */
function referencesOf(shape: RecordShape, values: Row, path: string, skip: ReadonlySet<string>): Reference[] {
  return shape.stores.flatMap((store): Reference[] => {
    const { field } = store;
    if (skip.has(field.key)) return [];
    const at = `${path}/${field.key}`;
    const value = values[field.key];
    if (store.kind === 'column' && field.kind === 'reference') {
      const id = asId(value);
      return id ? [{ path: at, level: field.level, id }] : [];
    }
    if (store.kind === 'references' && Array.isArray(value))
      return value.flatMap((v, i) => {
        const id = asId(v);
        return id ? [{ path: `${at}/${i}`, level: store.field.level, id }] : [];
      });
    if (store.kind === 'group' && Array.isArray(value))
      return value.flatMap((row, i) =>
        isRow(row) ? referencesOf(store.rows, row, `${at}/${i}`, new Set()) : [],
      );
    return [];
  });
}

/** The ids of `level` among `ids` that the actor may read. */
async function readable(
  db: Queryable,
  module: ModulePlan,
  level: string,
  ids: readonly string[],
  access: AccessScope,
): Promise<Set<string>> {
  const plan = module.levels.get(level);
  if (!plan) return new Set();
  const rows = await recordsDb(db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(sql<string>`${columnOf('r', 'id')}::text`.as('id'))
    .where(
      allOf([
        isAnyOf(columnOf('r', 'id'), ids, 'uuid[]'),
        access.where({ module: plan.module, level, action: 'read', alias: 'r' }),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A `not_found` for each reference of `values` naming no record the actor may read. */
export async function referenceViolations(
  db: Queryable,
  module: ModulePlan,
  shape: RecordShape,
  values: Row,
  kept: ReadonlySet<string>,
  access: AccessScope,
): Promise<Violation[]> {
  const references = referencesOf(shape, values, '', kept);
  const violations: Violation[] = [];
  for (const level of new Set(references.map((r) => r.level))) {
    const wanted = references.filter((r) => r.level === level);
    const found = await readable(db, module, level, [...new Set(wanted.map((r) => r.id))], access);
    for (const r of wanted) if (!found.has(r.id)) violations.push({ path: r.path, code: 'not_found' });
  }
  return violations;
}
