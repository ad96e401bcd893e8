/**
 * Two versions of a protocol paired by their stable ids: a level or a field keeps its id when its key
 * changes, so a changed key is a rename, never a removal and an addition. Fields pair within the same
 * container (a level's fields, a group's fields); a field moved to another container is removed and
 * added. The diff (protocol-specs/evolution) pairs the same way; this one only needs the keys.
 */
import type { ResolvedField, ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';

export interface ProtocolPairing {
  /** Old level key → new level key, for every level kept. */
  readonly levels: ReadonlyMap<string, string>;
  /** Per old level key: old field path (`group.field` inside a group) → new field path, for every field kept. */
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function pairProtocols(previous: ResolvedProtocol, next: ResolvedProtocol): ProtocolPairing {
  const levels = new Map<string, string>();
  const fields = new Map<string, Map<string, string>>();
  for (const old of previous.levels) {
    const now = next.levels.find((l) => l.id === old.id);
    if (!now) continue;
    levels.set(old.key, now.key);
    const paths = new Map<string, string>();
    pairFields(old.fields, now.fields, '', '', paths);
    fields.set(old.key, paths);
  }
  return { levels, fields };
}

function pairFields(
  olds: readonly ResolvedField[],
  nows: readonly ResolvedField[],
  oldPrefix: string,
  newPrefix: string,
  out: Map<string, string>,
): void {
  for (const old of olds) {
    const now = nows.find((f) => f.id === old.id);
    if (!now) continue;
    out.set(`${oldPrefix}${old.key}`, `${newPrefix}${now.key}`);
    if (old.kind === 'group' && now.kind === 'group')
      pairFields(old.fields, now.fields, `${oldPrefix}${old.key}.`, `${newPrefix}${now.key}.`, out);
  }
}

/** The new path of a field path of an old level, when the field (and each group above it) is kept. */
export function translatePath(pairing: ProtocolPairing, oldLevel: string, path: string): string | undefined {
  return pairing.fields.get(oldLevel)?.get(path);
}

/** The field at a key path (`group.field`) of a level. */
export function fieldAt(level: ResolvedLevel, path: string): ResolvedField | undefined {
  let fields: readonly ResolvedField[] = level.fields;
  let found: ResolvedField | undefined;
  for (const key of path.split('.')) {
    found = fields.find((f) => f.key === key);
    if (!found) return undefined;
    fields = found.kind === 'group' ? found.fields : [];
  }
  return found;
}

/** The fields stored in a table's own columns: a level's, or a group's rows'. */
export function containerFields(
  level: ResolvedLevel,
  groupPath: string | undefined,
): readonly ResolvedField[] {
  if (groupPath === undefined) return level.fields;
  const group = fieldAt(level, groupPath);
  return group?.kind === 'group' ? group.fields : [];
}
