/**
 * The module-dependent half of the template check: `levels` (the imported level and, for a flat file,
 * the ancestors it carries, each found by its `match` key), their fields, and each field's mapping
 * against the field's kind (module-fields.ts says which mappings a kind takes).
 */
import type { ModuleRuntime } from '../../modules/load.ts';
import { ancestorsOf, type ImportableField, levelFields, type MappingKind } from '../module-fields.ts';
import type {
  FieldMapping,
  ImportConstant,
  ImportSourceOptions,
  LevelMapping,
  RecordMatch,
} from '../template.ts';
import type { Checker, Obj } from './checker.ts';
import { pointer } from './template-problems.ts';

interface LevelsContext {
  readonly module: ModuleRuntime;
  readonly target: string;
  readonly source: ImportSourceOptions;
  readonly columns?: readonly string[] | undefined;
}

/** The keys that tell one mapping variant from another, and the variant's other keys. */
const VARIANTS: Readonly<Record<MappingKind, { readonly tag: string; readonly keys: readonly string[] }>> = {
  column: { tag: 'column', keys: ['column', 'values', 'separator'] },
  constant: { tag: 'constant', keys: ['constant'] },
  taxon: { tag: 'taxon_column', keys: ['taxon_column', 'by'] },
  xy: { tag: 'x_column', keys: ['x_column', 'y_column', 'srid'] },
  wkt: { tag: 'wkt_column', keys: ['wkt_column', 'srid'] },
  geojson: { tag: 'geojson_column', keys: ['geojson_column'] },
  feature_geometry: { tag: 'feature_geometry', keys: ['feature_geometry'] },
};
const KINDS = Object.keys(VARIANTS) as MappingKind[];
const TAXON_BY = ['cd_nom', 'scientific_name', 'vernacular_name', 'auto'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function column(c: Checker, ctx: LevelsContext, value: unknown, path: string): string | undefined {
  const name = c.text(value, path, path.slice(path.lastIndexOf('/') + 1));
  if (name !== undefined && ctx.columns && !ctx.columns.includes(name))
    c.add(path, 'unknown_column', { column: name });
  return name;
}

function srid(c: Checker, value: unknown, path: string): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 1_000_000) return value;
  c.add(path, 'bad_srid');
  return undefined;
}

/** Whether `value` is a constant the field takes; the expected shape when it is not. */
function constantProblem(field: ImportableField, value: unknown): readonly [string, string] | undefined {
  const codes = field.codes?.map((x) => x.code);
  const one = (v: unknown): readonly [string, string] | undefined => {
    switch (field.kind) {
      case 'integer':
      case 'taxon':
        return Number.isInteger(v) ? undefined : ['un entier', 'an integer'];
      case 'decimal':
        return typeof v === 'number' && Number.isFinite(v) ? undefined : ['un nombre', 'a number'];
      case 'boolean':
        return typeof v === 'boolean' ? undefined : ['true ou false', 'true or false'];
      case 'date':
        return typeof v === 'string' && DATE.test(v)
          ? undefined
          : ['une date AAAA-MM-JJ', 'a YYYY-MM-DD date'];
      case 'time':
        return typeof v === 'string' && TIME.test(v) ? undefined : ['une heure HH:MM', 'an HH:MM time'];
      case 'dataset':
      case 'reference':
        return typeof v === 'string' && UUID.test(v) ? undefined : ['un UUID', 'a UUID'];
      case 'choice':
      case 'vocabulary':
        return typeof v === 'string' && (codes ?? []).includes(v)
          ? undefined
          : [`un des codes ${(codes ?? []).join(', ')}`, `one of the codes ${(codes ?? []).join(', ')}`];
      default:
        return typeof v === 'string' ? undefined : ['un texte', 'a text'];
    }
  };
  if (value === null)
    return field.required === true
      ? ['une valeur (champ obligatoire)', 'a value (required field)']
      : undefined;
  if (Array.isArray(value)) {
    if (!field.multiple) return ['une seule valeur', 'a single value'];
    return value.map(one).find((p) => p !== undefined);
  }
  return one(value);
}

function checkMapping(
  c: Checker,
  ctx: LevelsContext,
  field: ImportableField,
  value: unknown,
  path: string,
): FieldMapping | undefined {
  const o = c.object(value, path);
  if (!o) return undefined;
  const kind = KINDS.find((k) => Object.hasOwn(o, VARIANTS[k].tag));
  if (!kind) {
    c.add(path, 'unknown_mapping');
    return undefined;
  }
  c.object(o, path, VARIANTS[kind].keys);
  if (!field.mappings.includes(kind)) {
    c.add(path, 'mapping_kind', {
      mapping: VARIANTS[kind].tag,
      field: field.key,
      kind: field.kind,
      allowed: field.mappings.map((m) => VARIANTS[m].tag).join(', '),
    });
    return undefined;
  }
  switch (kind) {
    case 'column':
      return columnMapping(c, ctx, field, o, path);
    case 'constant': {
      const wrong = constantProblem(field, o.constant);
      if (wrong) {
        c.add(`${path}/constant`, 'bad_constant', {
          field: field.key,
          kind: field.kind,
          expected_fr: wrong[0],
          expected_en: wrong[1],
        });
        return undefined;
      }
      return { constant: o.constant as ImportConstant };
    }
    case 'taxon': {
      const name = column(c, ctx, o.taxon_column, `${path}/taxon_column`);
      const by = c.oneOf(o.by, `${path}/by`, TAXON_BY, 'by');
      return name && by ? { taxon_column: name, by } : undefined;
    }
    case 'xy': {
      const x = column(c, ctx, o.x_column, `${path}/x_column`);
      const y = column(c, ctx, o.y_column, `${path}/y_column`);
      const s = srid(c, o.srid, `${path}/srid`);
      return x && y && s ? { x_column: x, y_column: y, srid: s } : undefined;
    }
    case 'wkt': {
      const w = column(c, ctx, o.wkt_column, `${path}/wkt_column`);
      const s = srid(c, o.srid, `${path}/srid`);
      return w && s ? { wkt_column: w, srid: s } : undefined;
    }
    case 'geojson': {
      const g = column(c, ctx, o.geojson_column, `${path}/geojson_column`);
      return g ? { geojson_column: g } : undefined;
    }
    case 'feature_geometry':
      if (o.feature_geometry !== true) {
        c.add(`${path}/feature_geometry`, 'wrong_type', { expected_fr: 'true', expected_en: 'true' });
        return undefined;
      }
      if (ctx.source.format !== 'geojson') {
        c.add(`${path}/feature_geometry`, 'geojson_only');
        return undefined;
      }
      return { feature_geometry: true };
  }
}

function columnMapping(
  c: Checker,
  ctx: LevelsContext,
  field: ImportableField,
  o: Obj,
  path: string,
): FieldMapping | undefined {
  const name = column(c, ctx, o.column, `${path}/column`);
  const separator = c.optional(o.separator, () => c.character(o.separator, `${path}/separator`));
  if (separator !== undefined && !field.multiple)
    c.add(`${path}/separator`, 'not_multiple', { field: field.key });
  let values: Record<string, string | null> | undefined;
  if (o.values !== undefined) {
    const map = c.object(o.values, `${path}/values`);
    if (map) {
      values = {};
      const codes = field.codes?.map((x) => x.code);
      const targets = field.kind === 'boolean' ? ['true', 'false'] : codes;
      for (const [text, code] of Object.entries(map)) {
        const at = `${path}/values${pointer(text)}`;
        if (code === null) values[text] = null;
        else if (typeof code !== 'string')
          c.add(at, 'wrong_type', { expected_fr: 'Un code ou null', expected_en: 'A code or null' });
        else if (targets && !targets.includes(code))
          c.add(at, 'unknown_code', { code, field: field.key, codes: targets.join(', ') });
        else values[text] = code;
      }
    }
  }
  if (!name) return undefined;
  return { column: name, ...(values ? { values } : {}), ...(separator ? { separator } : {}) };
}

function checkMatch(
  c: Checker,
  ctx: LevelsContext,
  fields: readonly ImportableField[],
  value: unknown,
  path: string,
): RecordMatch | undefined {
  const o = c.object(value, path);
  if (!o) return undefined;
  if (Object.hasOwn(o, 'uuid_column')) {
    c.object(o, path, ['uuid_column']);
    const name = column(c, ctx, o.uuid_column, `${path}/uuid_column`);
    return name ? { uuid_column: name } : undefined;
  }
  c.object(o, path, ['fields']);
  if (o.fields === undefined) return c.missing(`${path}/fields`, 'fields');
  const keys = c.textList(o.fields, `${path}/fields`);
  if (!keys) return undefined;
  let ok = true;
  for (const [i, key] of keys.entries())
    if (!fields.some((f) => f.key === key && f.mappings.length > 0)) {
      c.add(`${path}/fields/${i}`, 'unknown_field', { level: levelKeyOf(path), field: key });
      ok = false;
    }
  return ok ? { fields: keys } : undefined;
}

function checkLevel(
  c: Checker,
  ctx: LevelsContext,
  key: string,
  value: unknown,
  path: string,
): LevelMapping | undefined {
  const level = ctx.module.levels.find((l) => l.key === key);
  if (!level) return undefined;
  const o = c.object(value, path, ['fields', 'match']);
  if (!o) return undefined;
  const fields = levelFields(ctx.module, level);
  const mapped: Record<string, FieldMapping> = {};
  const fo =
    o.fields === undefined ? c.missing(`${path}/fields`, 'fields') : c.object(o.fields, `${path}/fields`);
  for (const [fieldKey, mapping] of Object.entries(fo ?? {})) {
    const at = `${path}/fields${pointer(fieldKey)}`;
    const field = fields.find((f) => f.key === fieldKey);
    if (!field) c.add(at, 'unknown_field', { level: key, field: fieldKey });
    else if (field.mappings.length === 0) c.add(at, 'not_importable', { field: fieldKey, kind: field.kind });
    else if (field.computed) c.add(at, 'computed_field', { field: fieldKey });
    else {
      const m = checkMapping(c, ctx, field, mapping, at);
      if (m) mapped[fieldKey] = m;
    }
  }
  const match = c.optional(o.match, () => checkMatch(c, ctx, fields, o.match, `${path}/match`));
  if (key !== ctx.target && o.match === undefined) c.add(`${path}/match`, 'match_required', { level: key });
  return { fields: mapped, ...(match ? { match } : {}) };
}

/** The levels in the module's order (parents first), each checked; undefined when `value` is no object. */
export function checkLevels(
  c: Checker,
  value: unknown,
  ctx: LevelsContext,
): Record<string, LevelMapping> | undefined {
  const o = c.object(value, '/levels');
  if (!o) return undefined;
  const ancestors = ancestorsOf(ctx.module, ctx.target);
  const allowed = [ctx.target, ...ancestors];
  for (const key of Object.keys(o)) {
    if (!ctx.module.levels.some((l) => l.key === key))
      c.add(`/levels${pointer(key)}`, 'unknown_level', { module: ctx.module.code, level: key });
    else if (!allowed.includes(key))
      c.add(`/levels${pointer(key)}`, 'not_an_ancestor', { level: key, target: ctx.target });
  }
  if (!Object.hasOwn(o, ctx.target)) c.add('/levels', 'missing_level', { level: ctx.target });
  // A mapped ancestor must reach the imported level through mapped levels: its records are found from
  // the same row as its child's.
  for (const key of ancestors) {
    if (!Object.hasOwn(o, key)) continue;
    const children = ctx.module.levels.find((l) => l.key === key)?.children ?? [];
    if (!children.some((child) => Object.hasOwn(o, child) && allowed.includes(child)))
      c.add(`/levels${pointer(key)}`, 'level_gap', { level: key, target: ctx.target });
  }
  const levels: Record<string, LevelMapping> = {};
  for (const level of ctx.module.levels) {
    if (!Object.hasOwn(o, level.key) || !allowed.includes(level.key)) continue;
    const checked = checkLevel(c, ctx, level.key, o[level.key], `/levels${pointer(level.key)}`);
    if (checked) levels[level.key] = checked;
  }
  return levels;
}

/** The level key in a `/levels/<key>/match` path (for messages). */
const levelKeyOf = (path: string): string =>
  (path.split('/')[2] ?? '').replaceAll('~1', '/').replaceAll('~0', '~');
