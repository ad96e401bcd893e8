/**
 * Test helpers: an example spec, cloned, edited the way an author would (one change at a time, every
 * reference kept consistent), and compiled. Edits that break the spec fail loudly with its diagnostics.
 */

import { exampleSpec } from '../../test/helpers/examples.ts';
import { compileProtocol, type ResolvedProtocol } from '../index.ts';
import type { ChangeKind } from './change-kinds.ts';
import type { ProtocolChange } from './diff-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests edit authored specs freely, as JSON.
export type Json = Record<string, any>;

export interface SpecEditor {
  readonly spec: Json;
  level(key: string): Json;
  /** A field of a level: its own, a field set's, or a group's row field. */
  field(level: string, key: string): Json;
  /** Removes a field (and its key from its level's display lists) and returns it. */
  removeField(level: string, key: string): Json;
  /** Moves a field to another place of its list (the form order), nothing else. */
  moveField(level: string, key: string, to: number): void;
  /** Renames a key everywhere it is named: the field itself, display lists, rules, the SINP mapping. */
  renameField(level: string, from: string, to: string): void;
  renameLevel(from: string, to: string): void;
  vocabulary(code: string): Json;
}

export function compiled(spec: unknown): ResolvedProtocol {
  const result = compileProtocol(spec);
  if (!result.ok) throw new Error(`the edited spec does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.protocol;
}

export function editedSpec(code: string, edit: (e: SpecEditor) => void): Json {
  const spec = structuredClone(exampleSpec(code)) as Json;
  edit(editor(spec));
  return spec;
}

export const edited = (code: string, edit: (e: SpecEditor) => void): ResolvedProtocol =>
  compiled(editedSpec(code, edit));

function fieldLists(level: Json): Json[][] {
  const own = level.fields as Json[];
  const sets = ((level.fieldSets ?? []) as Json[]).map((s) => s.fields as Json[]);
  const rows = own.filter((f) => f.kind === 'group').map((g) => g.fields as Json[]);
  return [own, ...sets, ...rows];
}

function editor(spec: Json): SpecEditor {
  const level = (key: string): Json => {
    const found = (spec.levels as Json[]).find((l) => l.key === key);
    if (!found) throw new Error(`no level ${key}`);
    return found;
  };
  const locate = (levelKey: string, key: string): [Json[], number] => {
    for (const list of fieldLists(level(levelKey))) {
      const i = list.findIndex((f) => f.key === key);
      if (i >= 0) return [list, i];
    }
    throw new Error(`no field ${key} in ${levelKey}`);
  };
  return {
    spec,
    level,
    field: (l, key) => {
      const [list, i] = locate(l, key);
      return list[i] as Json;
    },
    removeField: (l, key) => {
      const [list, i] = locate(l, key);
      const lvl = level(l);
      for (const display of ['list', 'detail', 'keep'])
        if (Array.isArray(lvl[display])) lvl[display] = lvl[display].filter((k: string) => k !== key);
      if (Array.isArray(lvl.sort)) lvl.sort = lvl.sort.filter((s: Json) => s.field !== key);
      return list.splice(i, 1)[0] as Json;
    },
    moveField(l, key, to) {
      const [list, i] = locate(l, key);
      list.splice(to, 0, ...list.splice(i, 1));
    },
    renameField(l, from, to) {
      const [list, i] = locate(l, from);
      (list[i] as Json).key = to;
      renameEverywhere(spec, from, to, new Set(['id', 'key', 'type', 'kind']));
    },
    renameLevel(from, to) {
      level(from).key = to;
      renameEverywhere(spec, from, to, new Set(['id', 'key', 'type', 'kind']));
    },
    vocabulary: (code) => {
      const found = ((spec.vocabularies ?? []) as Json[]).find((v) => v.code === code);
      if (!found) throw new Error(`no vocabulary ${code}`);
      return found;
    },
  };
}

/**
 * Rewrites a name wherever the spec refers to it: a string equal to it (lists, parents, mapping
 * sources), `name.` and `.name` inside rules and dotted sources. Tests pick names used for nothing else.
 */
function renameEverywhere(node: unknown, from: string, to: string, skipped: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (item === from) node[i] = to;
      else renameEverywhere(item, from, to, skipped);
    });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const object = node as Json;
  const pattern = new RegExp(`(?<![\\w.])${from}(?=\\.)|(?<=\\.)${from}(?!\\w)`, 'g');
  for (const [key, value] of Object.entries(object)) {
    if (key === 'label' || key === 'help' || key === 'description') continue;
    if (typeof value === 'string' && !skipped.has(key))
      object[key] = value === from ? to : value.replace(pattern, to);
    else renameEverywhere(value, from, to, skipped);
  }
}

/** One change a case expects: its kind, and whatever else the case names. */
export interface Expected {
  readonly kind: ChangeKind;
  readonly level?: string;
  readonly field?: string;
  readonly value?: string;
  readonly property?: string;
  readonly path?: string;
}

export interface Case {
  readonly name: string;
  readonly code: string;
  readonly edit: (e: SpecEditor) => void;
  /** Exactly these changes, in this order. */
  readonly want: readonly Expected[];
  /** Diff the edited spec against the example instead (an addition read backwards is a removal). */
  readonly backwards?: boolean;
}

/** Only what the expectation names, so a case states what matters to it. */
export function pick(change: ProtocolChange, want: Expected | undefined): Expected {
  const out: Record<string, unknown> = { kind: change.kind };
  if (want?.level !== undefined) out.level = change.level?.id;
  if (want?.field !== undefined) out.field = change.field?.id;
  if (want?.value !== undefined) out.value = change.value;
  if (want?.property !== undefined) out.property = change.property;
  if (want?.path !== undefined) out.path = change.path;
  return out as unknown as Expected;
}
