/** Authored field → resolved field: every default applied, rules parsed. One resolver per kind. */
import { isMultiple } from '../field-types.ts';
import type {
  FieldKind,
  ParsedRule,
  ResolvedChoice,
  ResolvedDefault,
  ResolvedField,
  RuleOr,
} from '../resolved.ts';
import type { Field } from '../schema/authored-spec.generated.ts';
import { labels, optionalLabels } from './labels.ts';
import { conjunction, parsed } from './rules.ts';

export interface FieldContext {
  readonly path: string;
  readonly standard: boolean;
  /** Visibility every field of its field set shares, and the set's id. */
  readonly fieldSet?: { readonly id: string; readonly rule: ParsedRule };
  readonly vocabularyCodes: (vocabulary: string) => readonly string[];
  readonly protocolDatasets: readonly string[];
}

type AnyField = Field & Record<string, unknown>;
type Common = Omit<ResolvedField, 'kind'>;

export function resolveField(field: Field, context: FieldContext): ResolvedField {
  const f = field as AnyField;
  const where = context.path;
  const rule = (name: string): ParsedRule | undefined =>
    typeof f[name] === 'string' ? parsed(f[name] as string, `${where}/${name}`) : undefined;
  const ownVisibleIf = rule('visibleIf');
  const visibleIf = context.fieldSet ? conjunction(context.fieldSet.rule, ownVisibleIf, where) : ownVisibleIf;
  const computed = rule('computed');
  const common: Common = {
    id: f.id ?? `std.${f.key}`,
    key: f.key,
    label: labels(f.label ?? f.key),
    ...optionalLabels(f.help),
    aliases: [...((f.aliases as string[] | undefined) ?? [])].sort(),
    standard: context.standard,
    ...(context.fieldSet ? { fieldSet: context.fieldSet.id } : {}),
    ...(visibleIf ? { visibleIf } : {}),
    ...(context.fieldSet && ownVisibleIf ? { ownVisibleIf } : {}),
    required: typeof f.required === 'string' ? parsed(f.required, `${where}/required`) : f.required === true,
    readOnly: computed !== undefined || f.readOnly === true,
    ...(computed ? { computed } : {}),
    ...defaultOf(f.default, `${where}/default`),
    sourcePath: where,
    ...(f.dimension === true ? { dimension: true as const } : {}),
    ...(f.measure === 'sum' ? { measure: 'sum' as const } : {}),
  };
  return RESOLVERS[f.kind](f, common, context);
}

type Resolver = (f: AnyField, common: Common, context: FieldContext) => ResolvedField;

const numberBound = (v: unknown, where: string): RuleOr<number> | undefined =>
  typeof v === 'number' ? { literal: v } : isRule(v) ? { rule: parsed(v.rule, where) } : undefined;
const textBound = (v: unknown, where: string): RuleOr<string> | undefined =>
  typeof v === 'string' ? { literal: v } : isRule(v) ? { rule: parsed(v.rule, where) } : undefined;
const isRule = (v: unknown): v is { rule: string } => typeof v === 'object' && v !== null && 'rule' in v;
const bounds = <T>(f: AnyField, path: string, read: (v: unknown, where: string) => RuleOr<T> | undefined) => {
  const min = read(f.min, `${path}/min`);
  const max = read(f.max, `${path}/max`);
  return { ...(min ? { min } : {}), ...(max ? { max } : {}) };
};
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
const display = (f: AnyField) => (f.display as 'select' | 'radio' | 'checkbox' | undefined) ?? 'select';
const filterOf = (f: AnyField, path: string) =>
  optional('filter', typeof f.filter === 'string' ? parsed(f.filter, `${path}/filter`) : undefined);

const RESOLVERS: Record<FieldKind, Resolver> = {
  text: (f, c) => ({
    ...c,
    kind: 'text',
    ...optional('maxLength', f.maxLength as number | undefined),
    ...optional('pattern', f.pattern as string | undefined),
  }),
  long_text: (f, c) => ({
    ...c,
    kind: 'long_text',
    ...optional('maxLength', f.maxLength as number | undefined),
  }),
  integer: (f, c) => ({
    ...c,
    kind: 'integer',
    ...bounds(f, c.sourcePath, numberBound),
    ...optional('unit', f.unit as string | undefined),
  }),
  decimal: (f, c) => ({
    ...c,
    kind: 'decimal',
    ...bounds(f, c.sourcePath, numberBound),
    ...optional('unit', f.unit as string | undefined),
    ...optional('decimals', f.decimals as number | undefined),
  }),
  boolean: (_f, c) => ({ ...c, kind: 'boolean' }),
  date: (f, c) => ({ ...c, kind: 'date', ...bounds(f, c.sourcePath, textBound) }),
  time: (f, c) => ({ ...c, kind: 'time', ...bounds(f, c.sourcePath, textBound) }),
  datetime: (f, c) => ({ ...c, kind: 'datetime', ...bounds(f, c.sourcePath, textBound) }),
  choice: (f, c) => ({
    ...c,
    kind: 'choice',
    choices: (f.choices as Array<string | { value: string; label?: never }>).map(choiceOf),
    multiple: isMultiple('choice', f.multiple),
    display: display(f),
    ...filterOf(f, c.sourcePath),
  }),
  vocabulary: (f, c, context) => ({
    ...c,
    kind: 'vocabulary',
    vocabulary: f.vocabulary as string,
    codes: (f.codes as string[] | undefined) ?? context.vocabularyCodes(f.vocabulary as string),
    multiple: isMultiple('vocabulary', f.multiple),
    display: display(f),
    ...filterOf(f, c.sourcePath),
  }),
  taxon: (f, c) => ({
    ...c,
    kind: 'taxon',
    taxa: [...((f.taxa as number[] | undefined) ?? [])],
    ...optional('fixed', f.fixed as number | undefined),
  }),
  observers: (f, c) => ({
    ...c,
    kind: 'observers',
    multiple: isMultiple('observers', f.multiple),
    freeText: f.freeText !== false,
  }),
  dataset: (f, c, context) => ({
    ...c,
    kind: 'dataset',
    datasets: (f.datasets as string[] | undefined) ?? context.protocolDatasets,
  }),
  habitat: (f, c) => ({
    ...c,
    kind: 'habitat',
    typology: (f.typology as string | undefined) ?? 'HABREF',
    codes: (f.codes as string[] | undefined) ?? [],
    multiple: isMultiple('habitat', f.multiple),
    ...filterOf(f, c.sourcePath),
  }),
  reference: (f, c) => ({
    ...c,
    kind: 'reference',
    level: f.level as string,
    multiple: isMultiple('reference', f.multiple),
  }),
  media: (f, c) => ({
    ...c,
    kind: 'media',
    maxFiles: (f.maxFiles as number | undefined) ?? 10,
    accept: (f.accept as string[] | undefined) ?? [],
  }),
  geometry: (f, c) => ({
    ...c,
    kind: 'geometry',
    geometry: f.geometry as 'point' | 'line' | 'polygon' | 'any',
  }),
  group: (f, c, context) => ({
    ...c,
    kind: 'group',
    // A required group needs at least one row: the two ways of saying it agree.
    minItems: Math.max((f.minItems as number | undefined) ?? 0, c.required === true ? 1 : 0),
    ...optional('maxItems', f.maxItems as number | undefined),
    fields: (f.fields as Field[]).map((row, i) =>
      resolveField(row, {
        ...context,
        path: `${c.sourcePath}/fields/${i}`,
        standard: false,
        fieldSet: undefined,
      }),
    ),
  }),
  section: (_f, c) => ({ ...c, kind: 'section', required: false }),
};

function choiceOf(choice: string | { value: string; label?: never }): ResolvedChoice {
  return typeof choice === 'string'
    ? { value: choice, label: { fr: choice } }
    : { value: choice.value, label: labels(choice.label ?? choice.value) };
}

function defaultOf(value: unknown, where: string): { readonly default?: ResolvedDefault } {
  if (value === undefined) return {};
  if (isRule(value)) return { default: { kind: 'rule', rule: parsed(value.rule, where) } };
  if (typeof value === 'object' && value !== null && 'code' in value)
    return { default: { kind: 'codes', codes: [String(value.code)] } };
  if (typeof value === 'object' && value !== null && 'codes' in value)
    return { default: { kind: 'codes', codes: [...(value.codes as string[])] } };
  return { default: { kind: 'literal', value: value as string | number | boolean | string[] } };
}
