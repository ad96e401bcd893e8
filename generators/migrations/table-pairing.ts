/**
 * The tables of two schema models paired through the protocol pairing: a table is known by its level and
 * the key path of the field it stores (tables.ts), both translated through renames. Within a pair, every
 * name derived from a renamed key (its columns, `<key>__type`, `<key>__<kind>` constraints, a parent's
 * `<parent>_id`) is translated the way the generator derives it (names.ts), hashed long names included,
 * so nothing here parses a name.
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { SchemaModel, Table } from '../sql/model.ts';
import {
  CONSTRAINT_KINDS,
  constraintName,
  indexName,
  parentColumn,
  primaryKeyName,
  uniqueName,
  vocabularyTypeColumn,
} from '../sql/names.ts';
import { containerFields, type ProtocolPairing, translatePath } from './pairing.ts';

export interface TablePair {
  readonly old: Table;
  readonly next: Table;
  /** Old column name → new, for the renamed ones. */
  readonly columns: ReadonlyMap<string, string>;
  /** Old constraint name → new, for names derived from a renamed key or column. */
  readonly names: ReadonlyMap<string, string>;
}

export interface ModelPairing {
  readonly pairs: readonly TablePair[];
  /** Old tables with no counterpart, in model order. */
  readonly removed: readonly Table[];
  /** New tables with no counterpart, in model order. */
  readonly added: readonly Table[];
  /** Old table name → new, for every kept table. */
  readonly tables: ReadonlyMap<string, string>;
}

const tableKey = (level: string, field: string | undefined) => `${level}|${field ?? ''}`;
const groupPath = (t: Table) => (t.role === 'group' ? t.field : undefined);
const lastKey = (path: string) => path.slice(path.lastIndexOf('.') + 1);

export function pairModels(
  previous: { readonly protocol: ResolvedProtocol; readonly model: SchemaModel },
  next: { readonly protocol: ResolvedProtocol; readonly model: SchemaModel },
  pairing: ProtocolPairing,
): ModelPairing {
  const nextByKey = new Map(next.model.tables.map((t) => [tableKey(t.level, t.field), t]));
  const pairs: TablePair[] = [];
  const removed: Table[] = [];
  const matched = new Set<Table>();
  for (const old of previous.model.tables) {
    const level = pairing.levels.get(old.level);
    const field = old.field === undefined ? undefined : translatePath(pairing, old.level, old.field);
    const now =
      level === undefined || (old.field !== undefined && field === undefined)
        ? undefined
        : nextByKey.get(tableKey(level, field));
    if (!now || matched.has(now)) {
      removed.push(old);
      continue;
    }
    matched.add(now);
    pairs.push(pairTable(old, now, previous.protocol, pairing));
  }
  return {
    pairs,
    removed,
    added: next.model.tables.filter((t) => !matched.has(t)),
    tables: new Map(pairs.map((p) => [p.old.name, p.next.name])),
  };
}

function pairTable(old: Table, next: Table, previous: ResolvedProtocol, pairing: ProtocolPairing): TablePair {
  const oldLevel = previous.levels.find((l) => l.key === old.level);
  const columns = new Map<string, string>();
  const keys = new Map<string, string>();
  const rename = (map: Map<string, string>, a: string, b: string) => {
    if (a !== b) map.set(a, b);
  };
  if (oldLevel) {
    const prefix = groupPath(old) === undefined ? '' : `${old.field}.`;
    for (const field of containerFields(oldLevel, groupPath(old))) {
      const path = translatePath(pairing, old.level, `${prefix}${field.key}`);
      if (path === undefined) continue;
      const key = lastKey(path);
      rename(keys, field.key, key);
      rename(columns, field.key, key);
      rename(columns, vocabularyTypeColumn(field.key), vocabularyTypeColumn(key));
    }
    if (old.role === 'level')
      for (const parent of oldLevel.parents) {
        const renamed = pairing.levels.get(parent);
        if (renamed !== undefined) rename(columns, parentColumn(parent), parentColumn(renamed));
      }
  }
  // A child table's constraints are named after its own field's key (observers, media, references).
  if (old.field !== undefined && next.field !== undefined && old.role !== 'group')
    rename(keys, lastKey(old.field), lastKey(next.field));
  const names = new Map<string, string>();
  for (const [a, b] of [...keys, ...columns])
    for (const kind of CONSTRAINT_KINDS) rename(names, constraintName(a, kind), constraintName(b, kind));
  rename(names, primaryKeyName(old.name), primaryKeyName(next.name));
  return { old, next, columns, names };
}

/** The name an old column has in the new table. */
export const newColumn = (pair: TablePair, column: string): string => pair.columns.get(column) ?? column;

/** The name an old unique constraint or index would have in the new table, derived like tables.ts does. */
export function derivedName(pair: TablePair, kind: 'unique' | 'index', columns: readonly string[]): string {
  const translated = columns.map((c) => newColumn(pair, c));
  return kind === 'unique' ? uniqueName(pair.next.name, translated) : indexName(pair.next.name, translated);
}
