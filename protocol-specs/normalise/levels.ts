/** Authored level → resolved level: standard fields merged, field sets flattened, display defaults applied. */
import { pointer } from '../diagnostics.ts';
import type { ResolvedField, ResolvedFieldSet, ResolvedLevel } from '../resolved.ts';
import type { Field, Level } from '../schema/authored-spec.generated.ts';
import { DEFAULT_GEOMETRY, STANDARD_FIELDS } from '../standard/standard-fields.ts';
import { type FieldContext, resolveField } from './fields.ts';
import { labels, pluralOf } from './labels.ts';
import { parsed } from './rules.ts';

export type LevelContext = Omit<FieldContext, 'path' | 'standard' | 'fieldSet'>;

/** Columns a list shows when the spec does not say: the first few fields that fit in a table cell. */
const DEFAULT_LIST_SIZE = 5;
const LISTABLE = new Set([
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'time',
  'datetime',
  'choice',
  'vocabulary',
  'taxon',
  'observers',
]);

const DEFAULT_MAP_LABEL: Readonly<Record<string, string>> = {
  site: 'base_site_name',
  sites_group: 'sites_group_name',
};
const DEFAULT_SORT: Readonly<Record<string, { field: string; direction: 'asc' | 'desc' }>> = {
  visit: { field: 'visit_date_min', direction: 'desc' },
  site: { field: 'base_site_name', direction: 'asc' },
  sites_group: { field: 'sites_group_name', direction: 'asc' },
};

export function resolveLevel(level: Level, index: number, context: LevelContext): ResolvedLevel {
  const path = pointer('levels', index);
  const standard = STANDARD_FIELDS[level.type];
  const omitted = new Set(level.omitStandardFields ?? []);
  const authoredKeys = new Set(level.fields.map((f) => f.key));
  const inherited = standard
    .filter((f) => !omitted.has(f.key) && !authoredKeys.has(f.key))
    .map((f) => resolveField(f, { ...context, path: `${path}/standard/${f.key}`, standard: true }));
  const own = level.fields.map((f, i) => {
    const base = standard.find((s) => s.key === f.key && s.kind === f.kind);
    const merged = base ? ({ ...base, ...f } as Field) : f;
    return resolveField(merged, {
      ...context,
      path: `${path}${pointer('fields', i)}`,
      standard: base !== undefined,
    });
  });
  const fieldSets: ResolvedFieldSet[] = [];
  const fromSets = (level.fieldSets ?? []).flatMap((set, s) => {
    const setPath = `${path}${pointer('fieldSets', s)}`;
    const typeField = [...inherited, ...own].find((f) => f.key === set.appliesTo.field);
    const multiple = typeField !== undefined && 'multiple' in typeField && typeField.multiple;
    const rule = parsed(
      appliesToRule(set.appliesTo.field, set.appliesTo.codes, multiple),
      `${setPath}/appliesTo`,
    );
    fieldSets.push({
      id: set.id,
      label: labels(set.label),
      field: set.appliesTo.field,
      codes: [...set.appliesTo.codes],
    });
    return set.fields.map((f, i) =>
      resolveField(f, {
        ...context,
        path: `${setPath}${pointer('fields', i)}`,
        standard: false,
        fieldSet: { id: set.id, rule },
      }),
    );
  });
  const fields = [...inherited, ...own, ...fromSets];
  const label = labels(level.label);
  const geometry = level.geometry
    ? { kind: level.geometry.kind, required: level.geometry.required ?? level.geometry.kind !== 'none' }
    : DEFAULT_GEOMETRY[level.type];
  const keys = new Set(fields.map((f) => f.key));
  const mapLabel =
    level.mapLabel ??
    (keys.has(DEFAULT_MAP_LABEL[level.type] ?? '') ? DEFAULT_MAP_LABEL[level.type] : undefined);
  const defaultSort = DEFAULT_SORT[level.type];
  return {
    id: level.id,
    key: level.key,
    type: level.type,
    parents: [...(level.parents ?? [])],
    parentsRequired: (level.parents ?? []).length <= 1 || level.allParentsRequired === true ? 'all' : 'any',
    label,
    plural: level.plural ? labels(level.plural) : pluralOf(label),
    geometry,
    fields,
    fieldSets,
    list: level.list ?? defaultList(fields),
    detail: level.detail ?? fields.filter((f) => f.kind !== 'section').map((f) => f.key),
    sort:
      level.sort?.map((s) => ({ field: s.field, direction: s.direction ?? 'asc' })) ??
      (defaultSort && keys.has(defaultSort.field) ? [defaultSort] : []),
    ...(mapLabel === undefined ? {} : { mapLabel }),
    keep: level.keep ?? [],
    ...(level.checks && level.checks.length > 0
      ? {
          checks: level.checks.map((c, i) => ({
            id: c.id,
            rule: parsed(c.rule, `${path}${pointer('checks', i)}/rule`),
            message: labels(c.message),
            fields: [...(c.fields ?? [])],
          })),
        }
      : {}),
  };
}

function defaultList(fields: readonly ResolvedField[]): string[] {
  return fields
    .filter((f) => LISTABLE.has(f.kind))
    .slice(0, DEFAULT_LIST_SIZE)
    .map((f) => f.key);
}

function appliesToRule(field: string, codes: readonly string[], multiple: boolean): string {
  const quote = (code: string) => `'${code.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (!multiple) return `value.${field} in [${codes.map(quote).join(', ')}]`;
  return codes.map((c) => `includes(value.${field}, ${quote(c)})`).join(' || ');
}
