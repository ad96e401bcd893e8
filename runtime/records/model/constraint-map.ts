/**
 * Which field a database refusal is about. Constraints are named `<key>__<kind>` (generators/sql
 * README, "Names"); long names are hashed, so the map is rebuilt with `constraintName(key, kind)` for
 * every key of every table of the level rather than by parsing names.
 */
import type { SchemaModel, Table } from '../../../generators/sql/model.ts';
import { type ConstraintKind, constraintName } from '../../../generators/sql/names.ts';
import type { Labels, ResolvedLevel } from '../../../protocol-specs/index.ts';

const KINDS: readonly ConstraintKind[] = [
  'required',
  'visible',
  'min',
  'max',
  'pattern',
  'length',
  'decimals',
  'choice',
  'taxon',
  'valid',
  'fk',
  'any',
  'observer',
  'single',
  'free_text',
  'accept',
];

/** The field (as a JSON pointer into the record) and its label, for one column or one constraint. */
export interface FieldTarget {
  readonly path: string;
  readonly label: string;
  /** The constraint kind, or `key` for primary and unique keys. */
  readonly kind?: ConstraintKind | 'key' | 'primary_key';
  /** For a foreign key: the table it points to. */
  readonly references?: string;
}

export interface TableTargets {
  readonly columns: ReadonlyMap<string, FieldTarget>;
  readonly constraints: ReadonlyMap<string, FieldTarget>;
}

const label = (labels: Labels | undefined, fallback: string) => labels?.fr ?? fallback;

/** Every table of `level` (its own and its child tables) → targets of its columns and constraints. */
export function levelTargets(model: SchemaModel, level: ResolvedLevel): ReadonlyMap<string, TableTargets> {
  const out = new Map<string, TableTargets>();
  for (const table of model.tables.filter((t) => t.level === level.key))
    out.set(table.name, tableTargets(table, level));
  return out;
}

function tableTargets(table: Table, level: ResolvedLevel): TableTargets {
  // A child table is about one field of the record: the first segment of its field path.
  const top = table.field?.split('.')[0];
  const topField = top === undefined ? undefined : level.fields.find((f) => f.key === top);
  const owner = topField
    ? { path: `/${topField.key}`, label: label(topField.label, topField.key) }
    : undefined;
  const keyTarget = (key: string): FieldTarget => {
    if (owner) {
      // In a group's row table, name the row field too.
      const row = topField?.kind === 'group' ? topField.fields.find((f) => f.key === key) : undefined;
      return row ? { ...owner, label: `${owner.label} › ${label(row.label, key)}` } : owner;
    }
    if (key === 'geom') return { path: '/geometry', label: 'Localisation' };
    if (key === 'parents') return { path: '', label: 'Parents' };
    const field = level.fields.find((f) => f.key === key);
    const parent = level.parents.find((p) => `${p}_id` === key);
    return { path: `/${key}`, label: field ? label(field.label, key) : parent ? `Parent (${parent})` : key };
  };
  const columns = new Map<string, FieldTarget>();
  for (const c of table.columns) columns.set(c.name, keyTarget(c.name));
  const constraints = new Map<string, FieldTarget>();
  const keys = new Set([...table.columns.map((c) => c.name), 'parents', ...fieldKeys(table, level)]);
  for (const key of keys)
    for (const kind of KINDS) constraints.set(constraintName(key, kind), { ...keyTarget(key), kind });
  for (const c of table.constraints) {
    if (c.kind === 'primary_key' || c.kind === 'unique')
      constraints.set(c.name, {
        ...keyTarget(c.columns.at(-1) ?? ''),
        kind: c.kind === 'unique' ? 'key' : c.kind,
      });
    if (c.kind === 'foreign_key') {
      const target = constraints.get(c.name);
      if (target)
        constraints.set(c.name, { ...target, references: `${c.references.schema}.${c.references.name}` });
    }
  }
  return { columns, constraints };
}

/** Field keys whose constraints live in this table: a child table's checks carry its field's key. */
function fieldKeys(table: Table, level: ResolvedLevel): string[] {
  if (table.field === undefined) return level.fields.map((f) => f.key);
  const segments = table.field.split('.');
  return [segments.at(-1) ?? ''];
}
