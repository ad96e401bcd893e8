/**
 * Which field a database refusal is about. The module model lists each table's columns and named
 * constraints with the key and kind each stands for (names past 63 bytes are hashed, so they are never
 * parsed); this maps every one to the field as a JSON pointer into the record, with its label.
 */
import type { ConstraintKind, TableModel } from '../../../generators/model/index.ts';
import type { Labels, ResolvedLevel } from '../../../protocol-specs/index.ts';

/** The field (as a JSON pointer into the record) and its label, for one column or one constraint. */
export interface FieldTarget {
  readonly path: string;
  readonly label: string;
  /** The constraint kind, or `key` for unique keys and `primary_key`. */
  readonly kind?: ConstraintKind | 'key' | 'primary_key' | 'record_check';
  /** For a foreign key: the table it points to. */
  readonly references?: string;
}

export interface TableTargets {
  readonly columns: ReadonlyMap<string, FieldTarget>;
  readonly constraints: ReadonlyMap<string, FieldTarget>;
}

const label = (labels: Labels | undefined, fallback: string) => labels?.fr ?? fallback;

/** Every table of `level` (its own and its child tables) → targets of its columns and constraints. */
export function levelTargets(
  tables: readonly TableModel[],
  level: ResolvedLevel,
): ReadonlyMap<string, TableTargets> {
  return new Map(tables.map((table) => [table.name, tableTargets(table, level)]));
}

function tableTargets(table: TableModel, level: ResolvedLevel): TableTargets {
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
  // A record check is shown on its first listed field, or on the whole record (docs/spec.md).
  const checkTarget = (id: string): FieldTarget => {
    const first = level.checks?.find((c) => c.id === id)?.fields[0];
    return first === undefined ? { path: '', label: id } : keyTarget(first);
  };
  const columns = new Map(table.columns.map((c) => [c.name, keyTarget(c.name)]));
  const constraints = new Map(
    table.constraints.map((c): [string, FieldTarget] => [
      c.name,
      {
        ...(c.kind === 'record_check' ? checkTarget(c.key) : keyTarget(c.key)),
        kind: c.kind === 'unique' ? 'key' : c.kind,
        ...(c.references ? { references: `${c.references.schema}.${c.references.name}` } : {}),
      },
    ]),
  );
  return { columns, constraints };
}
