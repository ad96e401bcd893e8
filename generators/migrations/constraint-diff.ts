/**
 * The constraints and indexes of one pair of tables compared: each old one is looked up under the name
 * the new model would give it (renamed keys translated, table-prefixed names rederived) and compared by
 * definition, its columns translated (a CHECK's identifiers renamed as PostgreSQL renames them). Same
 * definition: kept, renamed if its name changed. Otherwise: dropped, and the new one added.
 */
import type { Constraint, Index } from '../sql/model.ts';
import { primaryKeyName, uniqueName } from '../sql/names.ts';
import { renameIdentifiers } from './sql-idents.ts';
import { derivedName, type ModelPairing, newColumn, type TablePair } from './table-pairing.ts';

export interface Rename {
  readonly from: string;
  readonly to: string;
}

export interface ConstraintDiff {
  readonly pair: TablePair;
  /** Old constraints to drop (removed, or changed and re-added), by their old names. */
  readonly dropped: readonly Constraint[];
  readonly renamed: readonly Rename[];
  /** New constraints to add (new, or changed). */
  readonly added: readonly Constraint[];
  readonly droppedIndexes: readonly Index[];
  readonly renamedIndexes: readonly Rename[];
  readonly addedIndexes: readonly Index[];
}

export function diffConstraints(
  pair: TablePair,
  models: ModelPairing,
  schema: string,
  /** Old columns dropped and added again (a changed generated constant): what involves them is re-added. */
  recreated: ReadonlySet<string>,
  /**
   * Old columns whose type changes. A CHECK over one is dropped before the cast and added again after:
   * kept, PostgreSQL would rewrite it with casts to the old type (`(c)::numeric <= (40)::numeric`),
   * which is not what a fresh install holds, nor what the new type means.
   */
  retyped: ReadonlySet<string> = new Set(),
): ConstraintDiff {
  const dropped: Constraint[] = [];
  const renamed: Rename[] = [];
  const matched = new Set<Constraint>();
  for (const old of pair.old.constraints) {
    const expected = expectedName(pair, old);
    const now = pair.next.constraints.find((c) => c.name === expected);
    const involvesRecreated = old.kind !== 'check' && old.columns.some((c) => recreated.has(c));
    const overRetyped = old.kind === 'check' && [...retyped].some((c) => mentions(old.sql, c));
    if (
      now &&
      !matched.has(now) &&
      !involvesRecreated &&
      !overRetyped &&
      sameDefinition(pair, old, now, models, schema)
    ) {
      matched.add(now);
      if (old.name !== now.name) renamed.push({ from: old.name, to: now.name });
    } else {
      dropped.push(old);
    }
  }
  const droppedIndexes: Index[] = [];
  const renamedIndexes: Rename[] = [];
  const matchedIndexes = new Set<Index>();
  for (const old of pair.old.indexes) {
    const signature = indexSignature(old, (c) => newColumn(pair, c));
    const now = pair.next.indexes.find(
      (i) => !matchedIndexes.has(i) && indexSignature(i, (c) => c) === signature,
    );
    if (now && !old.columns.some((c) => recreated.has(c.name))) {
      matchedIndexes.add(now);
      if (old.name !== now.name) renamedIndexes.push({ from: old.name, to: now.name });
    } else {
      droppedIndexes.push(old);
    }
  }
  return {
    pair,
    dropped,
    renamed,
    added: pair.next.constraints.filter((c) => !matched.has(c)),
    droppedIndexes,
    renamedIndexes,
    addedIndexes: pair.next.indexes.filter((i) => !matchedIndexes.has(i)),
  };
}

/** Whether a CHECK expression reads `column` (renaming it changes the text only then). */
const mentions = (sql: string, column: string) =>
  renameIdentifiers(sql, new Map([[column, `${column}__probe`]])) !== sql;

function expectedName(pair: TablePair, c: Constraint): string {
  if (c.kind === 'primary_key' && c.name === primaryKeyName(pair.old.name))
    return primaryKeyName(pair.next.name);
  if (c.kind === 'unique' && c.name === uniqueName(pair.old.name, c.columns))
    return derivedName(pair, 'unique', c.columns);
  return pair.names.get(c.name) ?? c.name;
}

const indexSignature = (i: Index, column: (c: string) => string) =>
  `${i.method} ${i.columns.map((c) => `${column(c.name)}${c.descending ? ' DESC' : ''}`).join(', ')}`;

function sameDefinition(
  pair: TablePair,
  old: Constraint,
  now: Constraint,
  models: ModelPairing,
  schema: string,
): boolean {
  const columns = (list: readonly string[]) => list.map((c) => newColumn(pair, c)).join(',');
  switch (old.kind) {
    case 'check':
      return now.kind === 'check' && renameIdentifiers(old.sql, pair.columns) === now.sql;
    case 'primary_key':
    case 'unique':
      return now.kind === old.kind && columns(old.columns) === now.columns.join(',');
    case 'foreign_key': {
      if (now.kind !== 'foreign_key' || columns(old.columns) !== now.columns.join(',')) return false;
      if (old.onDelete !== now.onDelete) return false;
      if (old.references.schema !== schema)
        return (
          now.references.schema === old.references.schema &&
          now.references.name === old.references.name &&
          old.referencedColumns.join(',') === now.referencedColumns.join(',')
        );
      const target = models.pairs.find((p) => p.old.name === old.references.name);
      if (!target || now.references.schema !== schema || now.references.name !== target.next.name)
        return false;
      return (
        old.referencedColumns.map((c) => newColumn(target, c)).join(',') === now.referencedColumns.join(',')
      );
    }
  }
}
