/**
 * What a new version of a protocol may not do to the one it replaces: change its code, keep (or lower)
 * its version while changing, or reuse an id for another kind of thing. Diagnostics like the
 * validator's, pointing into the new spec; the CLI prints them beside the others.
 */
import { type Diagnostic, error } from '../diagnostics.ts';
import type { FieldKind, ResolvedProtocol } from '../resolved.ts';
import { kindChange } from './field-casts.ts';
import { fieldPlaces, indexProtocol, levelPath } from './protocol-index.ts';
import { stableJson } from './stable-json.ts';

/** Each rule with the sentence docs/spec.md#validation-rules shows (a test checks it is there). */
export const EVOLUTION_RULES = {
  'code-changed':
    'A new version keeps the code of the protocol it replaces (the code names its database schema).',
  'version-not-raised': 'A protocol that changed raises its version.',
  'version-lowered': 'A version is never lower than the one it replaces.',
  'id-reused':
    'An id keeps naming the same thing: a level stays a level, a field stays in its level and group, and changes kind only to one its values convert to.',
} as const;

type Thing =
  | { readonly what: 'level'; readonly key: string; readonly path: string }
  | { readonly what: 'vocabulary'; readonly key: string; readonly path: string }
  | {
      readonly what: 'field';
      readonly key: string;
      readonly path: string;
      readonly level: string;
      readonly levelKey: string;
      readonly group?: string;
      readonly kind: FieldKind;
      readonly multiple: boolean;
    };

export function evolutionDiagnostics(previous: ResolvedProtocol, next: ResolvedProtocol): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (previous.code !== next.code)
    out.push(
      error(
        'code-changed',
        '/code',
        `the protocol code changed from "${previous.code}" to "${next.code}": a new version keeps its code (it names the database schema); a new code is a new protocol`,
      ),
    );
  out.push(...reusedIds(previous, next));
  if (next.version < previous.version) {
    out.push(
      error(
        'version-lowered',
        '/version',
        `version ${next.version} is lower than version ${previous.version} it replaces; give it version ${previous.version + 1}`,
      ),
    );
  } else if (next.version === previous.version && differs(previous, next)) {
    out.push(
      error(
        'version-not-raised',
        '/version',
        `the protocol changed since version ${previous.version} but its version was not raised; give it version ${previous.version + 1}`,
      ),
    );
  }
  return out;
}

/** Anything at all, not only what the diff lists: a changed spec is a new version. */
const differs = (a: ResolvedProtocol, b: ResolvedProtocol) =>
  stableJson({ ...a, version: 0 }) !== stableJson({ ...b, version: 0 });

function things(protocol: ResolvedProtocol): Map<string, Thing[]> {
  const index = indexProtocol(protocol);
  const out = new Map<string, Thing[]>();
  const add = (id: string, thing: Thing) => out.set(id, [...(out.get(id) ?? []), thing]);
  for (const level of protocol.levels)
    add(level.id, { what: 'level', key: level.key, path: levelPath(index, level) });
  for (const { level, group, field } of fieldPlaces(protocol)) {
    // Standard fields share their id across levels of one type: they are the same field of each level.
    const id = field.standard ? `${level.id}\u0000${field.id}` : field.id;
    add(id, {
      what: 'field',
      key: field.key,
      path: field.sourcePath,
      level: level.id,
      levelKey: level.key,
      ...(group ? { group: group.id } : {}),
      kind: field.kind,
      multiple: 'multiple' in field && field.multiple,
    });
  }
  for (const v of protocol.vocabularies)
    add(v.id, { what: 'vocabulary', key: v.code, path: '/vocabularies' });
  return out;
}

function reusedIds(previous: ResolvedProtocol, next: ResolvedProtocol): Diagnostic[] {
  const before = things(previous);
  const out: Diagnostic[] = [];
  for (const [id, nows] of things(next)) {
    const olds = before.get(id) ?? [];
    const shown = id.split('\u0000').at(-1);
    for (const now of nows) {
      const old = olds.find((t) => t.what === now.what);
      const other = olds[0];
      if (!old && other) {
        out.push(
          error(
            'id-reused',
            now.path,
            `id "${shown}" named a ${other.what} ("${other.key}") in version ${previous.version} and now names a ${now.what} ("${now.key}"); ids are permanent: give the new ${now.what} an id of its own`,
          ),
        );
      }
      if (old?.what === 'field' && now.what === 'field')
        out.push(...fieldReuse(shown ?? id, old, now, previous.version));
    }
  }
  return out;
}

function fieldReuse(
  id: string,
  old: Extract<Thing, { what: 'field' }>,
  now: Extract<Thing, { what: 'field' }>,
  version: number,
): Diagnostic[] {
  const reused = (what: string) =>
    error(
      'id-reused',
      now.path,
      `field id "${id}" ${what}; ids are permanent: give the field a new id (its old values go to the archive)`,
    );
  if (old.level !== now.level)
    return [
      reused(`belonged to level "${old.levelKey}" in version ${version} and now to level "${now.levelKey}"`),
    ];
  if (old.group !== now.group) {
    const where = (g: string | undefined) => (g === undefined ? 'the record itself' : `group "${g}"`);
    return [
      reused(
        `was a field of ${where(old.group)} in version ${version} and is now one of ${where(now.group)}`,
      ),
    ];
  }
  if (old.kind !== now.kind && kindChange(old.kind, now.kind, old.multiple) === undefined)
    return [
      reused(
        `was a ${old.kind} field ("${old.key}") and is now a ${now.kind} field, which its values cannot be converted to`,
      ),
    ];
  return [];
}
