/**
 * The indexes of a table: GiST on every geometry; btree on every foreign key column and on what the
 * level's lists sort and filter on (`list-indexes.ts`), skipping any already served by the leading
 * columns of another index or key.
 */
import type { Constraint, Index, IndexColumn } from './model.ts';
import { indexName } from './names.ts';

export interface Indexed {
  readonly column: string;
  readonly method: 'btree' | 'gist';
}

export function tableIndexes(
  table: string,
  constraints: readonly Constraint[],
  indexed: readonly Indexed[],
  display: readonly (readonly IndexColumn[])[],
): Index[] {
  const gist = unique(indexed.filter((i) => i.method === 'gist').map((i) => i.column));
  const keys = constraints.flatMap((c) =>
    c.kind === 'primary_key' || c.kind === 'unique' ? [c.columns] : [],
  );
  const candidates = [
    ...display,
    ...unique(indexed.filter((i) => i.method === 'btree').map((i) => i.column)).map((name) => [{ name }]),
  ];
  // Longest first, so that an index whose columns lead another one is found covered.
  const ordered = [...candidates].sort((a, b) => b.length - a.length);
  const kept: IndexColumn[][] = [];
  for (const columns of ordered) {
    const names = columns.map((c) => c.name);
    const leads = (other: readonly string[]) => names.every((n, i) => other[i] === n);
    if (keys.some(leads) || kept.some((k) => leads(k.map((c) => c.name)))) continue;
    kept.push([...columns]);
  }
  const btree = kept.map(
    (columns): Index => ({
      name: indexName(
        table,
        columns.map((c) => c.name),
      ),
      method: 'btree',
      columns,
    }),
  );
  const spatial = gist.map(
    (name): Index => ({ name: indexName(table, [name]), method: 'gist', columns: [{ name }] }),
  );
  return [...btree, ...spatial].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const unique = (names: readonly string[]): string[] => [...new Set(names)];
