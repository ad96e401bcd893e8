/** The SINP occurrence mapping: every source resolves and has a kind that fits its attribute. */
import { type Diagnostic, error, pointer } from '../../diagnostics.ts';
import { DEFAULT_GEOMETRY } from '../../standard/standard-fields.ts';
import { asString, isObject, prop } from '../../util/lenient.ts';
import { ancestorsOf, type LevelModel, type SpecModel } from '../model.ts';
import type { VocabularyCatalogue } from '../vocabulary-catalogue.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

/** Field kinds that may feed each attribute; 'geometry' also accepts a level geometry. */
const ATTRIBUTE_KINDS: Readonly<Record<string, readonly string[]>> = {
  taxon: ['taxon'],
  citedName: ['text'],
  countMin: ['integer', 'decimal'],
  countMax: ['integer', 'decimal'],
  dateStart: ['date', 'datetime'],
  dateEnd: ['date', 'datetime'],
  publishAfter: ['date', 'datetime'],
  observers: ['observers', 'text'],
  determiner: ['observers', 'text'],
  geometry: ['geometry'],
  dataset: ['dataset'],
  comment: ['text', 'long_text'],
};

export const occurrenceChecks: SemanticCheck = {
  name: 'occurrence',
  rules: {
    'occurrence-level-unknown': 'The occurrence level exists.',
    'occurrence-source-unknown':
      'Each mapped field is a field (or the geometry) of the occurrence level or an ancestor.',
    'occurrence-source-kind': 'Each mapped field has a kind that fits its SINP attribute.',
    'occurrence-nomenclature': 'Mapped nomenclature types are known and fixed codes exist in them.',
  },
  check({ model, catalogue }: CheckContext): Diagnostic[] {
    const occurrence = prop(model.raw, 'occurrence');
    if (!isObject(occurrence)) return [];
    const levelKey = asString(prop(occurrence, 'level'));
    const level = model.levelsByKey.get(levelKey ?? '');
    if (!level) {
      return levelKey === undefined
        ? []
        : [error('occurrence-level-unknown', '/occurrence/level', `no level has key "${levelKey}"`)];
    }
    const out: Diagnostic[] = [];
    for (const [attribute, kinds] of Object.entries(ATTRIBUTE_KINDS)) {
      const source = asString(prop(occurrence, attribute));
      if (source !== undefined)
        out.push(...sourceProblems(model, level, source, kinds, pointer('occurrence', attribute)));
    }
    for (const [type, source] of Object.entries(prop(occurrence, 'nomenclatures') ?? {})) {
      out.push(
        ...nomenclatureProblems(
          model,
          level,
          catalogue,
          type,
          source,
          pointer('occurrence', 'nomenclatures', type),
        ),
      );
    }
    return out;
  },
};

interface Resolved {
  readonly kind: string;
  readonly vocabulary?: string;
}

function resolve(model: SpecModel, level: LevelModel, path: string): Resolved | string {
  const [first, second] = path.split('.');
  const owner = second === undefined ? level : ancestorsOf(model, level).find((a) => a.key === first);
  const key = second ?? first ?? '';
  if (!owner) return `"${first}" is not an ancestor level of "${level.key}"`;
  if (key === 'geometry') {
    const declared = asString(prop(prop(owner.raw, 'geometry'), 'kind'));
    const kind = declared ?? (owner.type ? DEFAULT_GEOMETRY[owner.type].kind : 'none');
    if (kind !== 'none') return { kind: 'geometry' };
  }
  const field = owner.fields.find((f) => f.key === key);
  if (!field?.kind) return `"${key}" is not a field of level "${owner.key}"`;
  const vocabulary = asString(prop(field.raw, 'vocabulary'));
  return { kind: field.kind, ...(vocabulary === undefined ? {} : { vocabulary }) };
}

function sourceProblems(
  model: SpecModel,
  level: LevelModel,
  source: string,
  kinds: readonly string[],
  path: string,
): Diagnostic[] {
  const resolved = resolve(model, level, source);
  if (typeof resolved === 'string') return [error('occurrence-source-unknown', path, resolved)];
  if (kinds.includes(resolved.kind)) return [];
  return [
    error(
      'occurrence-source-kind',
      path,
      `"${source}" is a ${resolved.kind} field; this attribute takes ${kinds.join(' or ')}`,
    ),
  ];
}

function nomenclatureProblems(
  model: SpecModel,
  level: LevelModel,
  catalogue: VocabularyCatalogue,
  type: string,
  source: unknown,
  path: string,
): Diagnostic[] {
  const vocabulary = catalogue.find(type);
  if (vocabulary?.source !== 'sinp') {
    return [error('occurrence-nomenclature', path, `"${type}" is not a known SINP nomenclature type`)];
  }
  const code = asString(prop(source, 'code'));
  if (code !== undefined && !vocabulary.values.some((v) => v.code === code)) {
    return [error('occurrence-nomenclature', `${path}/code`, `"${code}" is not a code of ${type}`)];
  }
  if (typeof source !== 'string') return [];
  const resolved = resolve(model, level, source);
  if (typeof resolved === 'string') return [error('occurrence-source-unknown', path, resolved)];
  if (resolved.kind === 'vocabulary' && resolved.vocabulary === type) return [];
  const what =
    resolved.kind === 'vocabulary' ? `uses vocabulary ${resolved.vocabulary}` : `is a ${resolved.kind} field`;
  return [
    error(
      'occurrence-source-kind',
      path,
      `"${source}" ${what}; map it to ${type} with a rule returning a ${type} code`,
    ),
  ];
}
