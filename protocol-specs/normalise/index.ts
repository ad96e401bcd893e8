/**
 * Normaliser: a valid authored spec → the resolved protocol (IR). Pure: never mutates its input, and the
 * output is deeply frozen. Run validateSpec first; compileProtocol() does both.
 */
import { pointer } from '../diagnostics.ts';
import type {
  MappingSource,
  OccurrenceAttribute,
  ResolvedOccurrence,
  ResolvedProtocol,
  ResolvedVocabulary,
} from '../resolved.ts';
import { OCCURRENCE_ATTRIBUTES } from '../resolved.ts';
import type { ProtocolVocabulary, SuiviMonitoringProtocol } from '../schema/authored-spec.generated.ts';
import { findStandardVocabulary } from '../standard/sinp-nomenclatures.ts';
import { deepFreeze } from '../util/deep-freeze.ts';
import { labels } from './labels.ts';
import { type LevelContext, resolveLevel } from './levels.ts';
import { InvalidSpecError, parsed } from './rules.ts';

export { InvalidSpecError } from './rules.ts';
export type ProtocolSpec = SuiviMonitoringProtocol;

export function normalise(spec: ProtocolSpec): ResolvedProtocol {
  const own = new Map((spec.vocabularies ?? []).map((v) => [v.code, v]));
  const vocabularyCodes = (code: string) => {
    const values = own.get(code)?.values ?? findStandardVocabulary(code)?.values;
    if (!values)
      throw new InvalidSpecError(`unknown vocabulary ${code}; validate the spec before normalising it`);
    return values.map((v) => v.code);
  };
  const context: LevelContext = { vocabularyCodes, protocolDatasets: [...(spec.datasets ?? [])] };
  const levels = orderLevels(spec.levels.map((level, i) => resolveLevel(level, i, context)));
  const occurrence = spec.occurrence ? resolveOccurrence(spec.occurrence) : undefined;
  const used = new Set<string>([
    ...own.keys(),
    ...levels
      .flatMap((l) => l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]))
      .flatMap((f) => (f.kind === 'vocabulary' ? [f.vocabulary] : [])),
    ...Object.keys(occurrence?.nomenclatures ?? {}),
  ]);
  const vocabularies = [...used].sort().flatMap((code) => vocabularyOf(code, own.get(code)));
  return deepFreeze({
    code: spec.code,
    version: spec.version,
    label: labels(spec.label),
    ...(spec.description === undefined ? {} : { description: labels(spec.description) }),
    taxonomy: structuredClone(spec.taxonomy),
    datasets: [...(spec.datasets ?? [])],
    vocabularies,
    levels,
    ...(occurrence ? { occurrence } : {}),
  } satisfies ResolvedProtocol);
}

/** Parents before children; among levels ready at the same time, the authored order. */
function orderLevels<T extends { key: string; parents: readonly string[] }>(levels: readonly T[]): T[] {
  const placed = new Set<string>();
  const out: T[] = [];
  while (out.length < levels.length) {
    const ready = levels.filter((l) => !placed.has(l.key) && l.parents.every((p) => placed.has(p)));
    if (ready.length === 0)
      throw new InvalidSpecError('levels form a cycle; validate the spec before normalising it');
    for (const level of ready) {
      placed.add(level.key);
      out.push(level);
    }
  }
  return out;
}

function vocabularyOf(code: string, own: ProtocolVocabulary | undefined): ResolvedVocabulary[] {
  if (own) {
    return [
      {
        id: own.id,
        code,
        label: labels(own.label),
        ...(own.description === undefined ? {} : { description: labels(own.description) }),
        source: 'protocol',
        values: own.values.map((v) => ({
          code: v.code,
          label: labels(v.label),
          ...(v.definition === undefined ? {} : { definition: labels(v.definition) }),
          ...(v.broader === undefined ? {} : { broader: v.broader }),
        })),
      },
    ];
  }
  const standard = findStandardVocabulary(code);
  if (!standard) return [];
  return [
    {
      id: `sinp.${code}`,
      code,
      label: { fr: standard.label },
      source: 'sinp',
      values: standard.values.map((v) => ({
        code: v.code,
        label: { fr: v.label },
        ...(v.broader === undefined ? {} : { broader: v.broader }),
      })),
    },
  ];
}

type AuthoredSource = string | { rule: string } | { value: string | number | boolean } | { code: string };

function resolveSource(source: AuthoredSource, level: string, where: string): MappingSource {
  if (typeof source === 'string') {
    const [first, second] = source.split('.');
    const owner = second === undefined ? level : (first as string);
    const key = second ?? (first as string);
    return key === 'geometry'
      ? { kind: 'geometry', level: owner }
      : { kind: 'field', level: owner, field: key };
  }
  if ('rule' in source) return { kind: 'rule', rule: parsed(source.rule, where) };
  if ('code' in source) return { kind: 'code', code: source.code };
  return { kind: 'value', value: source.value };
}

function resolveOccurrence(occurrence: NonNullable<ProtocolSpec['occurrence']>): ResolvedOccurrence {
  const attributes: Partial<Record<OccurrenceAttribute, MappingSource>> = {};
  for (const name of OCCURRENCE_ATTRIBUTES) {
    const source = occurrence[name] as AuthoredSource | undefined;
    if (source !== undefined)
      attributes[name] = resolveSource(source, occurrence.level, pointer('occurrence', name));
  }
  const nomenclatures: Record<string, MappingSource> = {};
  for (const type of Object.keys(occurrence.nomenclatures ?? {}).sort()) {
    const source = occurrence.nomenclatures?.[type] as AuthoredSource;
    nomenclatures[type] = resolveSource(
      source,
      occurrence.level,
      pointer('occurrence', 'nomenclatures', type),
    );
  }
  return { level: occurrence.level, attributes, nomenclatures };
}
