/**
 * Pass A over a level: its field definitions, what each becomes (a standard field refined or omitted,
 * a field of the protocol, or nothing: a link, a statistic, a module setting), its Suivi key and its kind.
 * Rules come in pass B (level-finish.ts), once every level's keys are known, since rules read ancestors.
 */
import { type FieldKind, STANDARD_FIELDS } from '../../../protocol-specs/index.ts';
import { type BuildContext, type BuiltField, buildField } from './build-field.ts';
import { changeTargets } from './change-handler.ts';
import type { Collector } from './collector.ts';
import { type FieldDefinition, fieldDefinitions } from './field-definitions.ts';
import { normaliseKey, stableId } from './keys.ts';
import { escapeSegment, extensionOf, type JsonObject } from './read-files.ts';

export type LevelType = keyof typeof STANDARD_FIELDS;

export interface FieldEntry {
  readonly d: FieldDefinition;
  /** Suivi key (final once pass A's reserved-key check has run). */
  key: string;
  readonly built: BuiltField;
  /** Refines the Suivi standard field of the same key. */
  readonly standard: boolean;
  /** The field set (site type) it belongs to, if any. */
  set?: string;
}

export interface SetDraft {
  readonly id: string;
  readonly label: string | { fr: string; en?: string };
  readonly appliesTo: { readonly field: string; readonly codes: readonly string[] };
}

export interface LevelDraft {
  readonly object: string;
  readonly file: string;
  readonly content: JsonObject;
  key: string;
  readonly type: LevelType;
  parents: string[];
  readonly entries: FieldEntry[];
  readonly omit: string[];
  readonly sets: SetDraft[];
  /** GeoNature keys that are not fields in Suivi, with why: rules naming them are explained with it. */
  readonly absent: Map<string, string>;
}

const SUIVI_TYPES = new Set(Object.keys(STANDARD_FIELDS));

const compatible = (standard: FieldKind, gn: FieldKind) =>
  standard === gn || (['text', 'long_text'].includes(standard) && ['text', 'long_text'].includes(gn));

export function draftLevel(object: string, file: string, content: JsonObject, ctx: BuildContext): LevelDraft {
  const type = (SUIVI_TYPES.has(object) ? object : 'custom') as LevelType;
  const draft: LevelDraft = {
    object,
    file,
    content,
    key: normaliseKey(object),
    type,
    parents: [],
    entries: [],
    omit: [],
    sets: [],
    absent: new Map(),
  };
  const standardKeys = new Set(STANDARD_FIELDS[type].map((f) => f.key));
  const present = new Set<string>();
  const assigned = changeTargets(content.change);
  for (const d of fieldDefinitions(object, file, content, ctx.collector)) {
    const entry = classify(d, draft, ctx, assigned.has(d.gnKey));
    if (!entry) continue;
    // A standard key the protocol uses, even for a field of another kind (which replaces it), is not omitted.
    present.add(entry.key);
    draft.entries.push(entry);
  }
  for (const key of standardKeys) if (!present.has(key) && !draft.omit.includes(key)) draft.omit.push(key);
  return draft;
}

const ABSENT: Readonly<Record<string, string>> = {
  parent: 'the link to the parent record, which Suivi levels carry themselves',
  system: 'an id GeoNature manages, which every Suivi table has',
  statistic: 'a statistic GeoNature computes for lists',
  module: 'a module setting, not record data',
};

function classify(
  d: FieldDefinition,
  draft: LevelDraft,
  ctx: BuildContext,
  assigned: boolean,
): FieldEntry | undefined {
  const absent = ABSENT[d.role];
  if (absent) {
    draft.absent.set(d.gnKey, absent);
    settleRulesOf(d, ctx.collector, d.role);
    if (d.role === 'module' && d.specific && d.gnKey === 'id_nomenclature_type_site') {
      ctx.collector.warn(
        d.file,
        d.path,
        "GeoNature tags each site with a site type; a Suivi protocol's sites are its own, so the tag is not kept",
      );
    }
    return undefined;
  }
  const hiddenStatic = d.def.hidden === true;
  const ext = extensionOf(d.specific);
  const key = typeof ext?.key === 'string' ? ext.key : normaliseKey(d.gnKey);
  const standard = STANDARD_FIELDS[draft.type].find((f) => f.key === key);
  if (!d.specific && hiddenStatic && !standard) {
    draft.absent.set(d.gnKey, 'a generic field GeoNature hides, not imported');
    return undefined;
  }
  const id = stableId(ctx.moduleCode, draft.key, d.gnKey);
  const built = buildField(d, key, id, ctx);
  if (standard && hiddenStatic && !built.hasDefault && !assigned) {
    draft.omit.push(standard.key);
    draft.absent.set(d.gnKey, 'hidden in GeoNature, so left out (omitStandardFields)');
    return undefined;
  }
  if (standard && !compatible(standard.kind, built.kind)) {
    ctx.collector.warn(
      d.file,
      d.path,
      `${d.gnKey} is a ${built.kind} here and a ${standard.kind} in Suivi's standard fields: imported as a field of the protocol that replaces it`,
    );
  }
  const entry: FieldEntry = {
    d,
    key,
    built,
    standard: standard !== undefined && compatible(standard.kind, built.kind),
  };
  if (typeof ext?.fieldSet === 'string') entry.set = ext.fieldSet;
  return entry;
}

/** Rules of fields that are not fields in Suivi: explained, never silently dropped. */
function settleRulesOf(d: FieldDefinition, collector: Collector, role: string): void {
  for (const [key, value] of Object.entries(d.specific ?? {})) {
    const path = `${d.path}/${escapeSegment(d.origins[key] ?? key)}`;
    if (typeof value !== 'string' || !collector.isRule(d.file, path)) continue;
    if (role === 'parent') {
      collector.builtIn(
        d.file,
        path,
        `${key} of GeoNature's parent link ${d.gnKey}: in Suivi the parent comes from where the record is created, with no field to hide, require or filter`,
      );
    } else {
      collector.untranslated(
        d.file,
        path,
        `${d.gnKey} is ${ABSENT[role] ?? 'not a field'} in Suivi, so its ${key} rule has no place`,
      );
    }
  }
}

/** Fields of a site-type file (type_site/<name>.json), as entries of the site level's field set. */
export function draftSetEntries(
  draft: LevelDraft,
  set: SetDraft,
  code: string,
  file: string,
  content: JsonObject,
  ctx: BuildContext,
): void {
  const bare = content.specific === undefined;
  const repeated: string[] = [];
  for (const d of fieldDefinitions('type_site', file, content, ctx.collector, bare)) {
    // A site-type field the site level already has (configs written for both GeoNature versions):
    // the level's field stands, for every type.
    if (draft.entries.some((e) => e.d.gnKey === d.gnKey) || draft.absent.has(d.gnKey)) {
      repeated.push(d.gnKey);
      continue;
    }
    const id = stableId(ctx.moduleCode, draft.key, code, d.gnKey);
    const built = buildField(d, normaliseKey(d.gnKey), id, ctx);
    draft.entries.push({ d, key: built.field.key, built, standard: false, set: set.id });
  }
  if (repeated.length > 0) {
    ctx.collector.warn(
      file,
      '',
      `${repeated.join(', ')}: already fields of the site level (or of another site type), kept there`,
    );
  }
}
