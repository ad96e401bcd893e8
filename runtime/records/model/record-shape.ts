/**
 * Where each field of a record lives, read from the SQL generator's table model (never re-derived): a
 * column of the record's own table, or a child table (observers, several references, media, the rows
 * of a group, whose own fields have the same description one level down).
 */
import type { ColumnType, SchemaModel, Table } from '../../../generators/sql/model.ts';
import type {
  GroupField,
  MediaField,
  ObserversField,
  ReferenceField,
  ResolvedField,
} from '../../../protocol-specs/index.ts';

export interface TableName {
  readonly schema: string;
  readonly name: string;
}

export type ValueStore =
  | {
      readonly kind: 'column';
      readonly field: ResolvedField;
      readonly column: string;
      readonly type: ColumnType;
    }
  | { readonly kind: 'observers'; readonly field: ObserversField; readonly table: TableName }
  | { readonly kind: 'references'; readonly field: ReferenceField; readonly table: TableName }
  | { readonly kind: 'media'; readonly field: MediaField; readonly table: TableName }
  | { readonly kind: 'group'; readonly field: GroupField; readonly rows: RecordShape }
  | { readonly kind: 'none'; readonly field: ResolvedField };

export type ChildStore = Exclude<ValueStore, { kind: 'column' } | { kind: 'none' }>;

/** A level record, or a group row: its table and how each of its fields is stored. */
export interface RecordShape {
  readonly table: TableName;
  readonly stores: readonly ValueStore[];
}

export const isChildStore = (store: ValueStore): store is ChildStore =>
  store.kind !== 'column' && store.kind !== 'none';

const CHILD_ROLES = {
  observers: 'observers',
  references: 'references',
  media: 'media',
  group: 'group',
} as const;

/** The shape of the rows of `table` holding `fields`; `path` is the key path of those fields (`strata_cover.`). */
export function recordShape(
  model: SchemaModel,
  table: Table,
  fields: readonly ResolvedField[],
  path = '',
): RecordShape {
  const stores = fields.map((field): ValueStore => {
    if (field.kind === 'section') return { kind: 'none', field };
    const column = table.columns.find((c) => c.name === field.key);
    if (column) return { kind: 'column', field, column: column.name, type: column.type };
    const child = model.tables.find((t) => t.level === table.level && t.field === `${path}${field.key}`);
    if (!child) throw new Error(`${table.name}: the table model stores no field ${path}${field.key}`);
    const ref = { schema: child.schema, name: child.name };
    if (child.role === CHILD_ROLES.group && field.kind === 'group')
      return { kind: 'group', field, rows: recordShape(model, child, field.fields, `${path}${field.key}.`) };
    if (child.role === CHILD_ROLES.observers && field.kind === 'observers')
      return { kind: 'observers', field, table: ref };
    if (child.role === CHILD_ROLES.references && field.kind === 'reference')
      return { kind: 'references', field, table: ref };
    if (child.role === CHILD_ROLES.media && field.kind === 'media')
      return { kind: 'media', field, table: ref };
    throw new Error(`${child.name}: a ${child.role} table cannot hold the ${field.kind} field ${field.key}`);
  });
  return { table: { schema: table.schema, name: table.name }, stores };
}
