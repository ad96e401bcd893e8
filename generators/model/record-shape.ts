/**
 * Where each field of a record lives, read from the SQL generator's table model (never re-derived): a
 * column of the record's own table, or a child table (observers, several references, media, the rows of
 * a group, whose own fields have the same description one level down). Fields are named by key; the
 * runtime joins them to the resolved protocol's fields when it loads the module.
 */
import type { FieldKind, ResolvedField } from '../../protocol-specs/index.ts';
import type { SchemaModel, Table, TableRole } from '../sql/model.ts';
import type { RecordShapeModel, StoreModel } from './types.ts';

/** The child-table role that may hold each multi-valued kind, and the store it becomes. */
const CHILD_STORES = {
  observers: { role: 'observers', store: 'observers' },
  reference: { role: 'references', store: 'references' },
  media: { role: 'media', store: 'media' },
} as const satisfies Partial<Record<FieldKind, { role: TableRole; store: StoreModel['kind'] }>>;

const childStore = (kind: FieldKind) =>
  Object.hasOwn(CHILD_STORES, kind) ? CHILD_STORES[kind as keyof typeof CHILD_STORES] : undefined;

/** The shape of the rows of `table` holding `fields`; `path` is the key path of those fields (`strata_cover.`). */
export function recordShape(
  model: SchemaModel,
  table: Table,
  fields: readonly ResolvedField[],
  path = '',
): RecordShapeModel {
  const stores = fields.map((field): StoreModel => {
    if (field.kind === 'section') return { kind: 'none', field: field.key };
    const column = table.columns.find((c) => c.name === field.key);
    if (column) return { kind: 'column', field: field.key, column: column.name, type: column.type };
    const child = model.tables.find((t) => t.level === table.level && t.field === `${path}${field.key}`);
    if (!child) throw new Error(`${table.name}: the table model stores no field ${path}${field.key}`);
    if (child.role === 'group' && field.kind === 'group')
      return {
        kind: 'group',
        field: field.key,
        rows: recordShape(model, child, field.fields, `${path}${field.key}.`),
      };
    const stored = childStore(field.kind);
    if (stored && child.role === stored.role)
      return { kind: stored.store, field: field.key, table: { schema: child.schema, name: child.name } };
    throw new Error(`${child.name}: a ${child.role} table cannot hold the ${field.kind} field ${field.key}`);
  });
  return { table: { schema: table.schema, name: table.name }, stores };
}
