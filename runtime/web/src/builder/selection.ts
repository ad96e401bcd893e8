/**
 * What the editor shows: the protocol's settings, its vocabularies, the occurrence mapping, or one level
 * with one of its fields (a row field of a group is a path of two indexes). A diagnostic's JSON pointer
 * maps to the selection that holds it, so a click in the diagnostics panel opens the right place.
 */
import { fromPointer, type Path } from './spec-paths.ts';

export type Selection =
  | { readonly tab: 'protocol' | 'vocabularies' | 'occurrence' }
  | { readonly tab: 'level'; readonly level: number; readonly field: readonly number[] };

export const levelSelection = (level: number, field: readonly number[] = []): Selection => ({
  tab: 'level',
  level,
  field,
});

/** The spec path of a selected field: `levels/i/fields/j(/fields/k)`. */
export function fieldPath(level: number, field: readonly number[]): Path {
  const path: (string | number)[] = ['levels', level];
  for (const index of field) path.push('fields', index);
  return path;
}

export function selectionOf(pointer: string): Selection {
  const path = fromPointer(pointer);
  if (path[0] === 'vocabularies') return { tab: 'vocabularies' };
  if (path[0] === 'occurrence') return { tab: 'occurrence' };
  if (path[0] !== 'levels' || typeof path[1] !== 'number') return { tab: 'protocol' };
  const field: number[] = [];
  // levels/i/fields/j/fields/k…: a group's row fields nest one `fields` deeper.
  for (let at = 2; path[at] === 'fields' && typeof path[at + 1] === 'number'; at += 2)
    field.push(path[at + 1] as number);
  return levelSelection(path[1], field);
}

export const sameSelection = (a: Selection, b: Selection) =>
  a.tab === b.tab &&
  (a.tab !== 'level' ||
    (b.tab === 'level' && a.level === b.level && a.field.join('/') === b.field.join('/')));
