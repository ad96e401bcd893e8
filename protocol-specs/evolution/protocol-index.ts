/**
 * One side of a diff, indexed: levels by id and key, vocabularies by id and code, and the JSON pointers
 * the resolved protocol does not carry itself (a level's place in the authored file).
 */
import { pointer } from '../diagnostics.ts';
import type {
  GroupField,
  ResolvedField,
  ResolvedLevel,
  ResolvedProtocol,
  ResolvedVocabulary,
} from '../resolved.ts';

export interface ProtocolIndex {
  readonly protocol: ResolvedProtocol;
  readonly levelById: ReadonlyMap<string, ResolvedLevel>;
  readonly levelByKey: ReadonlyMap<string, ResolvedLevel>;
  readonly vocabularyById: ReadonlyMap<string, ResolvedVocabulary>;
  readonly vocabularyByCode: ReadonlyMap<string, ResolvedVocabulary>;
}

export function indexProtocol(protocol: ResolvedProtocol): ProtocolIndex {
  return {
    protocol,
    levelById: new Map(protocol.levels.map((l) => [l.id, l])),
    levelByKey: new Map(protocol.levels.map((l) => [l.key, l])),
    vocabularyById: new Map(protocol.vocabularies.map((v) => [v.id, v])),
    vocabularyByCode: new Map(protocol.vocabularies.map((v) => [v.code, v])),
  };
}

const LEVEL_POINTER = /^\/levels\/\d+/;

/**
 * Where a level is in its authored file. The IR orders levels parents first, not as written, so the
 * pointer is read off one of its fields; a level without any falls back on its place in the IR.
 */
export function levelPath(index: ProtocolIndex, level: ResolvedLevel): string {
  for (const field of level.fields) {
    const match = LEVEL_POINTER.exec(field.sourcePath);
    if (match) return match[0];
  }
  return pointer('levels', index.protocol.levels.indexOf(level));
}

/** The id of the field a key names in a level (or the key itself when none does: kept comparable). */
export function fieldIdOf(level: ResolvedLevel | undefined, key: string): string {
  return level?.fields.find((f) => f.key === key)?.id ?? `?${key}`;
}

export function levelIdOf(index: ProtocolIndex, key: string): string {
  return index.levelByKey.get(key)?.id ?? `?${key}`;
}

export function vocabularyIdOf(index: ProtocolIndex, code: string): string {
  return index.vocabularyByCode.get(code)?.id ?? `?${code}`;
}

/** Where a field lives: its level and, for a row field, its repeatable group. */
export interface FieldPlace {
  readonly level: ResolvedLevel;
  readonly group?: GroupField;
  readonly field: ResolvedField;
}

/** Every field of the protocol with its place, row fields included. */
export function fieldPlaces(protocol: ResolvedProtocol): FieldPlace[] {
  return protocol.levels.flatMap((level) =>
    level.fields.flatMap((field): FieldPlace[] => [
      { level, field },
      ...(field.kind === 'group' ? field.fields.map((row) => ({ level, group: field, field: row })) : []),
    ]),
  );
}
