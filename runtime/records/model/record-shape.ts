/**
 * Where each field of a record lives, as the module model says (`model/model.json`, never re-derived): a
 * column of the record's own table, or a child table (observers, several references, media, the rows
 * of a group, whose own fields have the same description one level down). The model names fields by
 * key; loading joins each to its resolved field, so the operations read a field's rules beside its store.
 */
import type { ColumnType, RecordShapeModel, StoreModel, TableName } from '../../../generators/model/index.ts';
import type {
  FieldKind,
  GroupField,
  MediaField,
  ObserversField,
  ReferenceField,
  ResolvedField,
} from '../../../protocol-specs/index.ts';

export type { TableName };

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

/** The field kind each child store holds. */
const CHILD_KINDS = {
  observers: 'observers',
  references: 'reference',
  media: 'media',
  group: 'group',
} as const satisfies Record<ChildStore['kind'], FieldKind>;

/** The model's shape of `fields` (a level's, or a group's row fields) with each store given its field. */
export function linkShape(shape: RecordShapeModel, fields: readonly ResolvedField[]): RecordShape {
  const table = `${shape.table.schema}.${shape.table.name}`;
  if (shape.stores.length !== fields.length)
    throw new Error(
      `${table}: the model stores ${shape.stores.length} fields, the protocol has ${fields.length}`,
    );
  const stores = fields.map((field): ValueStore => {
    const store: StoreModel | undefined = shape.stores.find((s) => s.field === field.key);
    if (!store) throw new Error(`${table}: the model does not say where ${field.key} is stored`);
    if (store.kind === 'column') return { ...store, field };
    if (store.kind === 'none') return { kind: 'none', field };
    if (field.kind !== CHILD_KINDS[store.kind])
      throw new Error(`${table}: a ${store.kind} store cannot hold the ${field.kind} field ${field.key}`);
    if (field.kind === 'group' && store.kind === 'group')
      return { kind: 'group', field, rows: linkShape(store.rows, field.fields) };
    return { ...store, field } as ChildStore;
  });
  return { table: shape.table, stores };
}
