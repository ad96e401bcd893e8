/**
 * Resolved protocol → canonical authored spec: every default written out, standard fields listed,
 * field-set conditions unfolded. normalise(toAuthored(p)) equals p, which makes normalising idempotent
 * on canonical specs; the builder and exporters use it to write specs back.
 */
import type {
  Labels,
  MappingSource,
  ParsedRule,
  ResolvedField,
  ResolvedLevel,
  ResolvedProtocol,
  RuleOr,
} from '../resolved.ts';
import type { Field, Label, Level, SuiviMonitoringProtocol } from '../schema/authored-spec.generated.ts';
import { STANDARD_FIELDS } from '../standard/standard-fields.ts';

const label = (l: Labels): Label => (l.en === undefined ? l.fr : { fr: l.fr, en: l.en });
const bound = <T>(b: RuleOr<T> | undefined) =>
  b === undefined ? undefined : 'rule' in b ? { rule: b.rule.source } : b.literal;
const source = (r: ParsedRule | undefined) => r?.source;

/** Drops undefined members so canonical JSON has no `"x": undefined` noise and compares structurally. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function fieldToAuthored(f: ResolvedField): Field {
  const common = {
    id: f.id,
    key: f.key,
    label: label(f.label),
    help: f.help && label(f.help),
    aliases: f.aliases.length > 0 ? [...f.aliases] : undefined,
    visibleIf: source(f.fieldSet ? f.ownVisibleIf : f.visibleIf),
    dimension: f.dimension,
    measure: f.measure,
  };
  const value = {
    ...common,
    required: typeof f.required === 'boolean' ? f.required : f.required.source,
    readOnly: f.computed ? undefined : f.readOnly,
    computed: source(f.computed),
    default:
      f.default === undefined
        ? undefined
        : f.default.kind === 'rule'
          ? { rule: f.default.rule.source }
          : f.default.kind === 'codes'
            ? f.default.codes.length === 1
              ? { code: f.default.codes[0] }
              : { codes: [...f.default.codes] }
            : f.default.value,
  };
  switch (f.kind) {
    case 'text':
    case 'long_text':
      return compact({
        kind: f.kind,
        ...value,
        maxLength: f.maxLength,
        pattern: f.kind === 'text' ? f.pattern : undefined,
      }) as Field;
    case 'integer':
    case 'decimal':
      return compact({
        kind: f.kind,
        ...value,
        min: bound(f.min),
        max: bound(f.max),
        unit: f.unit,
        decimals: f.decimals,
      }) as Field;
    case 'date':
    case 'time':
    case 'datetime':
      return compact({ kind: f.kind, ...value, min: bound(f.min), max: bound(f.max) }) as Field;
    case 'boolean':
      return compact({ kind: f.kind, ...value }) as Field;
    case 'choice':
      return compact({
        kind: f.kind,
        ...value,
        choices: f.choices.map((c) => ({ value: c.value, label: label(c.label) })),
        multiple: f.multiple,
        display: f.display,
        filter: source(f.filter),
      }) as Field;
    case 'vocabulary':
      return compact({
        kind: f.kind,
        ...value,
        vocabulary: f.vocabulary,
        codes: [...f.codes],
        multiple: f.multiple,
        display: f.display,
        filter: source(f.filter),
      }) as Field;
    case 'taxon':
      return compact({
        kind: f.kind,
        ...value,
        taxa: f.taxa.length > 0 ? [...f.taxa] : undefined,
        fixed: f.fixed,
      }) as Field;
    case 'observers':
      return compact({ kind: f.kind, ...value, multiple: f.multiple, freeText: f.freeText }) as Field;
    case 'dataset':
      return compact({
        kind: f.kind,
        ...value,
        datasets: f.datasets.length > 0 ? [...f.datasets] : undefined,
      }) as Field;
    case 'habitat':
      return compact({
        kind: f.kind,
        ...value,
        typology: f.typology,
        codes: f.codes.length > 0 ? [...f.codes] : undefined,
        multiple: f.multiple,
        filter: source(f.filter),
      }) as Field;
    case 'reference':
      return compact({ kind: f.kind, ...value, level: f.level, multiple: f.multiple }) as Field;
    case 'media':
      return compact({
        kind: f.kind,
        ...value,
        maxFiles: f.maxFiles,
        accept: f.accept.length > 0 ? [...f.accept] : undefined,
      }) as Field;
    case 'geometry':
      return compact({ kind: f.kind, ...value, geometry: f.geometry }) as Field;
    case 'group':
      return compact({
        kind: f.kind,
        ...common,
        required: value.required,
        readOnly: f.readOnly,
        minItems: f.minItems,
        maxItems: f.maxItems,
        fields: f.fields.map(fieldToAuthored),
      }) as Field;
    case 'section':
      return compact({ kind: f.kind, ...common }) as Field;
  }
}

function levelToAuthored(level: ResolvedLevel): Level {
  const present = new Set(level.fields.map((f) => f.key));
  const omitted = STANDARD_FIELDS[level.type].map((f) => f.key).filter((k) => !present.has(k));
  return compact({
    id: level.id,
    key: level.key,
    type: level.type,
    parents: level.parents.length > 0 ? [...level.parents] : undefined,
    allParentsRequired: level.parents.length > 1 && level.parentsRequired === 'all' ? true : undefined,
    label: label(level.label),
    plural: label(level.plural),
    geometry: { ...level.geometry },
    list: [...level.list],
    detail: [...level.detail],
    sort: level.sort.map((s) => ({ ...s })),
    mapLabel: level.mapLabel,
    keep: [...level.keep],
    omitStandardFields: omitted.length > 0 ? omitted : undefined,
    fields: level.fields.filter((f) => f.fieldSet === undefined).map(fieldToAuthored),
    fieldSets:
      level.fieldSets.length === 0
        ? undefined
        : level.fieldSets.map((set) => ({
            id: set.id,
            label: label(set.label),
            appliesTo: { field: set.field, codes: [...set.codes] },
            fields: level.fields.filter((f) => f.fieldSet === set.id).map(fieldToAuthored),
          })),
    checks:
      (level.checks ?? []).length === 0
        ? undefined
        : (level.checks ?? []).map((c) =>
            compact({
              id: c.id,
              rule: c.rule.source,
              message: label(c.message),
              fields: c.fields.length > 0 ? [...c.fields] : undefined,
            }),
          ),
  }) as Level;
}

function sourceToAuthored(s: MappingSource, occurrenceLevel: string): unknown {
  switch (s.kind) {
    case 'field':
      return s.level === occurrenceLevel ? s.field : `${s.level}.${s.field}`;
    case 'geometry':
      return s.level === occurrenceLevel ? 'geometry' : `${s.level}.geometry`;
    case 'rule':
      return { rule: s.rule.source };
    case 'value':
      return { value: s.value };
    case 'code':
      return { code: s.code };
  }
}

export function toAuthored(protocol: ResolvedProtocol): SuiviMonitoringProtocol {
  const occurrence = protocol.occurrence;
  const own = protocol.vocabularies.filter((v) => v.source === 'protocol');
  return compact({
    code: protocol.code,
    version: protocol.version,
    label: label(protocol.label),
    description: protocol.description && label(protocol.description),
    taxonomy: structuredClone(protocol.taxonomy) as SuiviMonitoringProtocol['taxonomy'],
    datasets: [...protocol.datasets],
    vocabularies:
      own.length === 0
        ? undefined
        : own.map((v) =>
            compact({
              id: v.id,
              code: v.code,
              label: label(v.label),
              description: v.description && label(v.description),
              values: v.values.map((x) =>
                compact({
                  code: x.code,
                  label: label(x.label),
                  definition: x.definition && label(x.definition),
                  broader: x.broader,
                }),
              ),
            }),
          ),
    levels: protocol.levels.map(levelToAuthored) as SuiviMonitoringProtocol['levels'],
    occurrence:
      occurrence &&
      (compact({
        level: occurrence.level,
        ...Object.fromEntries(
          Object.entries(occurrence.attributes).map(([k, s]) => [k, sourceToAuthored(s, occurrence.level)]),
        ),
        nomenclatures: Object.fromEntries(
          Object.entries(occurrence.nomenclatures).map(([k, s]) => [
            k,
            sourceToAuthored(s, occurrence.level),
          ]),
        ),
      }) as SuiviMonitoringProtocol['occurrence']),
  });
}
