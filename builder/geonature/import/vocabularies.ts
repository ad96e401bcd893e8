/**
 * nomenclature.json → protocol vocabularies, and the lookup fields use to name one. A type Suivi already
 * knows as a SINP type stays that type (values the protocol adds to it are reported: a protocol cannot
 * extend the national catalogue); any other type becomes a protocol vocabulary with its values.
 */
import { findStandardVocabulary, type ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { NamedValue } from '../js/scope.ts';
import type { Collector } from './collector.ts';
import { normaliseCode, stableId } from './keys.ts';
import { isObject, type JsonObject, pointer } from './read-files.ts';

type ProtocolVocabulary = NonNullable<ProtocolSpec['vocabularies']>[number];
type Label = ProtocolVocabulary['label'];

export type VocabularyLookup =
  | {
      readonly ok: true;
      readonly code: string;
      readonly codes: readonly string[];
      /** The code of a value named by its label (`default: {"label_default": …}`). */
      readonly codeOfLabel: (label: string) => string | undefined;
    }
  | { readonly ok: false; readonly reason: string };

export interface Vocabularies {
  readonly vocabularies: readonly ProtocolVocabulary[];
  /** The Suivi vocabulary for a GeoNature nomenclature type mnemonic. */
  lookup(type: string): VocabularyLookup;
  /** The values of a Suivi vocabulary (by code) with their other names: labels, and mnemonics when known. */
  namedValues(code: string): readonly NamedValue[] | undefined;
}

const FILE = 'nomenclature.json';
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** `label_fr` (or `label_default`) with `label_en` when given. */
export function labelOf(entry: JsonObject, prefix: string, fallback: string): Label {
  const fr = text(entry[`${prefix}_fr`]) ?? text(entry[`${prefix}_default`]) ?? fallback;
  const en = text(entry[`${prefix}_en`]);
  return en ? { fr, en } : fr;
}

const frOf = (l: Label): string => (typeof l === 'string' ? l : l.fr);

/** A definition that only repeats the label says nothing (GeoNature requires one, so configs copy the label). */
function distinct(definition: Label, label: Label): Label | undefined {
  if (frOf(definition) === '') return undefined;
  const repeats =
    frOf(definition) === frOf(label) && (typeof definition === 'string' || definition.en === undefined);
  return repeats ? undefined : definition;
}

export function readVocabularies(
  content: JsonObject | undefined,
  moduleCode: string,
  collector: Collector,
): Vocabularies {
  const types = Array.isArray(content?.types) ? content.types.filter(isObject) : [];
  const values = Array.isArray(content?.nomenclatures) ? content.nomenclatures : [];
  const byType = new Map<string, Array<{ entry: JsonObject; index: number }>>();
  values.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.type !== 'string' || typeof entry.cd_nomenclature !== 'string') {
      collector.warn(
        FILE,
        pointer('nomenclatures', index),
        'a value needs a `type` and a `cd_nomenclature`: ignored',
      );
      return;
    }
    byType.set(entry.type, [...(byType.get(entry.type) ?? []), { entry, index }]);
  });
  const declared = new Map(
    types.flatMap((t) => (typeof t.mnemonique === 'string' ? [[t.mnemonique, t] as const] : [])),
  );
  const own = new Map<string, ProtocolVocabulary>();
  for (const type of new Set([...declared.keys(), ...byType.keys()])) {
    const sinp = findStandardVocabulary(type);
    const entries = byType.get(type) ?? [];
    if (sinp) {
      const known = new Set(sinp.values.map((v) => v.code));
      const added = entries.filter(({ entry }) => !known.has(entry.cd_nomenclature as string));
      if (added.length > 0) {
        collector.warn(
          FILE,
          pointer('nomenclatures', added[0]?.index ?? 0),
          `adds ${added.map(({ entry }) => entry.cd_nomenclature).join(', ')} to the SINP type ${type}: Suivi's SINP catalogue cannot be extended by a protocol, so no field can offer these codes`,
        );
      }
      continue;
    }
    const vocabulary = buildVocabulary(type, declared.get(type), entries, moduleCode, collector);
    if (vocabulary) own.set(type, vocabulary);
  }
  const mnemonics = new Map<string, string>();
  for (const [type, entries] of byType)
    for (const { entry } of entries) {
      const mnemonic = text(entry.mnemonique);
      if (mnemonic) mnemonics.set(`${type}\u0000${entry.cd_nomenclature as string}`, mnemonic);
    }
  const typeOf = new Map([...own].map(([type, v]) => [v.code, type]));
  return {
    vocabularies: [...own.values()],
    namedValues(code) {
      const type = typeOf.get(code) ?? code;
      const values = own.get(type)?.values ?? findStandardVocabulary(code)?.values;
      return values?.map((v) => {
        const label = v.label as Label;
        const names = [frOf(label), ...(typeof label === 'string' || !label.en ? [] : [label.en])];
        const mnemonic = mnemonics.get(`${type}\u0000${v.code}`);
        return { code: v.code, names: mnemonic ? [mnemonic, ...names] : names };
      });
    },
    lookup(type) {
      const sinp = findStandardVocabulary(type);
      const values = sinp?.values ?? own.get(type)?.values;
      const code = sinp?.code ?? own.get(type)?.code;
      if (values && code) {
        return {
          ok: true,
          code,
          codes: values.map((v) => v.code),
          codeOfLabel: (label) => values.find((v) => frOf(v.label) === label)?.code,
        };
      }
      return {
        ok: false,
        reason: declared.has(type)
          ? `nomenclature type ${type} is declared without values`
          : `nomenclature type ${type} is neither a SINP type Suivi knows nor declared in nomenclature.json`,
      };
    },
  };
}

function buildVocabulary(
  type: string,
  declaration: JsonObject | undefined,
  entries: ReadonlyArray<{ entry: JsonObject; index: number }>,
  moduleCode: string,
  collector: Collector,
): ProtocolVocabulary | undefined {
  if (!declaration) {
    collector.warn(
      FILE,
      pointer('nomenclatures', entries[0]?.index ?? 0),
      `type ${type} has values but no declaration in \`types\` (GeoNature expects it installed by another module): imported with its code as label`,
    );
  }
  const seen = new Set<string>();
  const vocabularyValues: ProtocolVocabulary['values'] = [];
  for (const { entry, index } of entries) {
    const code = entry.cd_nomenclature as string;
    if (seen.has(code) || code.length > 50 || code.length === 0) {
      collector.warn(
        FILE,
        pointer('nomenclatures', index),
        `code "${code}" of ${type} is ${seen.has(code) ? 'repeated' : 'not 1 to 50 characters'}: ignored`,
      );
      continue;
    }
    seen.add(code);
    const label = labelOf(entry, 'label', text(entry.mnemonique) ?? code);
    const definition = distinct(labelOf(entry, 'definition', ''), label);
    const broader = text(entry.cd_nomenclature_broader);
    vocabularyValues.push({
      code,
      label,
      ...(definition ? { definition } : {}),
      ...(broader ? { broader } : {}),
    });
  }
  if (vocabularyValues.length === 0) {
    collector.warn(FILE, '', `type ${type} has no values: not imported (fields using it become text)`);
    return undefined;
  }
  let code = normaliseCode(type);
  if (findStandardVocabulary(code)) code = `${code.slice(0, 47)}_GN`;
  const label = declaration ? labelOf(declaration, 'label', type) : type;
  const description = declaration ? distinct(labelOf(declaration, 'definition', ''), label) : undefined;
  return {
    id: stableId(moduleCode, 'vocabulary', type),
    code,
    label,
    ...(description ? { description } : {}),
    values: vocabularyValues,
  };
}
