/**
 * Pure edits of an import template, as the wizard's controls make them: each returns a new template
 * (React state is never mutated). A level left with no field and no key is dropped, except the
 * imported level itself, which a template always has.
 */
import type { FieldMapping, ImportTemplate, LevelMapping } from './import-api.ts';

type Conventions = NonNullable<ImportTemplate['conventions']>;

export function setField(
  template: ImportTemplate,
  level: string,
  field: string,
  mapping: FieldMapping | undefined,
): ImportTemplate {
  const current: LevelMapping = template.levels[level] ?? { fields: {} };
  const { [field]: _old, ...rest } = current.fields;
  const fields = mapping ? { ...rest, [field]: mapping } : rest;
  const match =
    current.match && 'fields' in current.match ? current.match.fields.filter((f) => f in fields) : undefined;
  const next: LevelMapping = {
    fields,
    ...(current.match && 'uuid_column' in current.match ? { match: current.match } : {}),
    ...(match && match.length > 0 ? { match: { fields: match } } : {}),
  };
  const levels = { ...template.levels, [level]: next };
  if (level !== template.level && Object.keys(fields).length === 0) delete levels[level];
  return { ...template, levels };
}

/** The fields an ancestor's records are found by (a level with no mapped field cannot have a key). */
export function setMatch(template: ImportTemplate, level: string, fields: readonly string[]): ImportTemplate {
  const current = template.levels[level];
  if (!current) return template;
  const { match: _match, ...rest } = current;
  return {
    ...template,
    levels: { ...template.levels, [level]: fields.length > 0 ? { ...rest, match: { fields } } : rest },
  };
}

export function setConventions(template: ImportTemplate, change: Partial<Conventions>): ImportTemplate {
  const merged: Record<string, unknown> = { ...(template.conventions ?? {}), ...change };
  for (const [k, v] of Object.entries(merged))
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete merged[k];
  const { conventions: _c, ...rest } = template;
  return Object.keys(merged).length > 0 ? { ...rest, conventions: merged as Conventions } : rest;
}

/** A column mapping's value map with one text set to a code (undefined: back to "as is"). */
export function setValue(mapping: FieldMapping, text: string, code: string | undefined): FieldMapping {
  if (!('column' in mapping)) return mapping;
  const { [text]: _old, ...values } = mapping.values ?? {};
  const next = code === undefined ? values : { ...values, [text]: code };
  const { values: _v, ...rest } = mapping;
  return Object.keys(next).length > 0 ? { ...rest, values: next } : rest;
}

/** The column a mapping reads its value from (the X column for coordinates), if any. */
export function columnOf(mapping: FieldMapping | undefined): string | undefined {
  if (!mapping) return undefined;
  if ('column' in mapping) return mapping.column;
  if ('taxon_column' in mapping) return mapping.taxon_column;
  if ('x_column' in mapping) return mapping.x_column;
  if ('wkt_column' in mapping) return mapping.wkt_column;
  if ('geojson_column' in mapping) return mapping.geojson_column;
  return undefined;
}

/** Every column a template reads. */
export function usedColumns(template: ImportTemplate): Set<string> {
  const used = new Set<string>();
  for (const level of Object.values(template.levels)) {
    for (const m of Object.values(level.fields)) {
      const c = columnOf(m);
      if (c) used.add(c);
      if ('y_column' in m) used.add(m.y_column);
    }
    if (level.match && 'uuid_column' in level.match) used.add(level.match.uuid_column);
  }
  return used;
}

/** The levels of a template top-down (ancestors first), as the module orders them. */
export const levelOrder = (order: readonly string[], template: ImportTemplate): string[] =>
  order.filter((k) => k in template.levels || k === template.level);
