/**
 * The tables of a level as the model describes them: names, neutral column types, and each named
 * constraint with the key and kind it stands for. Constraint names follow `<key>__<kind>`, hashed past
 * 63 bytes (sql/names.ts), so the pairs are found by naming every candidate, never by parsing names.
 */
import type { ResolvedLevel } from '../../protocol-specs/index.ts';
import type { Table } from '../sql/model.ts';
import { CONSTRAINT_KINDS, type ConstraintKind, checkConstraintName, constraintName } from '../sql/names.ts';
import type { ConstraintModel, TableModel } from './types.ts';

/** Field keys whose constraints live in this table: a child table's checks carry its field's key. */
function fieldKeys(table: Table, level: ResolvedLevel): string[] {
  if (table.field === undefined) return level.fields.map((f) => f.key);
  return [table.field.split('.').at(-1) ?? ''];
}

function constraints(table: Table, level: ResolvedLevel): ConstraintModel[] {
  const candidates = new Map<string, { key: string; kind: ConstraintKind }>();
  const keys = new Set([...table.columns.map((c) => c.name), 'parents', ...fieldKeys(table, level)]);
  for (const key of keys)
    for (const kind of CONSTRAINT_KINDS) candidates.set(constraintName(key, kind), { key, kind });
  const recordChecks = new Map(
    table.field === undefined
      ? (level.checks ?? []).map((check) => [checkConstraintName(table.name, check.id), check.id])
      : [],
  );
  return table.constraints.flatMap((c): ConstraintModel[] => {
    if (c.kind === 'primary_key' || c.kind === 'unique')
      return [{ name: c.name, kind: c.kind, key: c.columns.at(-1) ?? '' }];
    const checkId = recordChecks.get(c.name);
    if (checkId !== undefined) return [{ name: c.name, kind: 'record_check', key: checkId }];
    const named = candidates.get(c.name);
    if (!named) return [];
    if (c.kind !== 'foreign_key') return [{ name: c.name, ...named }];
    return [{ name: c.name, ...named, references: { schema: c.references.schema, name: c.references.name } }];
  });
}

export function tableModel(table: Table, level: ResolvedLevel): TableModel {
  return {
    schema: table.schema,
    name: table.name,
    role: table.role,
    level: table.level,
    ...(table.field === undefined ? {} : { field: table.field }),
    columns: table.columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notNull })),
    constraints: constraints(table, level),
  };
}
