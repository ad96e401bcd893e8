/**
 * A first template for a file, from the module and the inspected file (its columns and first rows):
 * columns matched to fields (match-columns.ts), over the imported level and its ancestors when the file
 * is flat; value maps for coded and yes/no fields; the taxon column's kind of names; X/Y, WKT or
 * GeoJSON geometry with its EPSG code; the date format, decimal separator and "no value" words; a key
 * for each ancestor. Pure and deterministic: the same file gives the same template, which the user then
 * corrects in the wizard. What it could not decide is said in `unmapped_values` and `notes`.
 */
import type { ModuleRuntime } from '../../modules/load.ts';
import { ancestorsOf, type ImportableField, levelFields, mappableFields } from '../module-fields.ts';
import {
  type FieldMapping,
  IMPORT_TEMPLATE_FORMAT,
  type ImportConventions,
  type ImportSourceOptions,
  type ImportTemplate,
  type LevelMapping,
  type RecordMatch,
} from '../template.ts';
import { roleOfColumn } from './column-roles.ts';
import { guessDateFormat, guessDecimalSeparator, guessNullValues, isNullText } from './conventions.ts';
import { guessSrid, guessWktSrid, looksLikeGeoJson } from './geometry.ts';
import { type ColumnMatch, type LevelFields, type MatchReason, matchColumns } from './match-columns.ts';
import { guessTaxonBy } from './taxon.ts';
import { suggestBooleanMap, suggestValueMap } from './value-maps.ts';

/** What inspecting a file gives (the engine's inspectImportFile), as far as suggestions need it. */
export interface InspectedFile {
  readonly source: ImportSourceOptions;
  readonly columns: readonly string[];
  readonly preview: readonly Readonly<Record<string, string>>[];
  readonly has_feature_geometry?: boolean;
}

export interface SuggestInput {
  readonly module: ModuleRuntime;
  readonly level: string;
  readonly provider: string;
  readonly name: string;
  readonly file: InspectedFile;
}

export interface ColumnSuggestion {
  readonly column: string;
  /** Absent: no field was found for it. */
  readonly level?: string;
  readonly field?: string;
  readonly reason?: MatchReason;
}

export interface UnmappedValues {
  readonly level: string;
  readonly field: string;
  readonly column: string;
  readonly values: readonly string[];
}

export type SuggestionNote =
  | { readonly code: 'required_unmapped'; readonly level: string; readonly field: string }
  | {
      readonly code: 'srid_unrecognised';
      readonly level: string;
      readonly field: string;
      readonly srid: number;
    }
  | { readonly code: 'ancestor_dropped'; readonly level: string; readonly columns: readonly string[] };

export interface TemplateSuggestion {
  readonly template: ImportTemplate;
  readonly columns: readonly ColumnSuggestion[];
  readonly unmapped_values: readonly UnmappedValues[];
  readonly notes: readonly SuggestionNote[];
}

/** The distinct cells of a column in the preview, trimmed, without the "no value" ones, in file order. */
const distinct = (file: InspectedFile, column: string, nulls: readonly string[]): string[] => [
  ...new Set(file.preview.map((r) => (r[column] ?? '').trim()).filter((v) => !isNullText(v, nulls))),
];

/** The separator of a multi-valued column: the first of ; | , that its cells use (',' by default). */
const separatorOf = (cells: readonly string[]): string =>
  [';', '|', ','].find((s) => cells.some((c) => c.includes(s))) ?? ',';

/** The levels a flat file fills: the imported one, then up the first parent with matched columns. */
function chainOf(module: ModuleRuntime, target: string, matched: ReadonlySet<string>): string[] {
  const chain = [target];
  for (let level = module.levels.find((l) => l.key === target); level; ) {
    const next = level.parents.find((p) => matched.has(p));
    if (!next) break;
    chain.push(next);
    level = module.levels.find((l) => l.key === next);
  }
  return chain;
}

const KEY_PREFERENCE: readonly ((f: ImportableField, mapLabel?: string) => boolean)[] = [
  (f) => f.key.includes('code'),
  (f, mapLabel) => f.key === mapLabel,
  (f) => f.key.includes('name') || f.key.includes('nom'),
  (f) => f.kind === 'date' && f.required === true,
  (f) => f.kind === 'date',
];

/** The fields an ancestor's records are found by: its most name-like mapped field. */
function matchFor(
  fields: readonly ImportableField[],
  mapped: readonly string[],
  mapLabel?: string,
): RecordMatch | undefined {
  const candidates = fields.filter((f) => mapped.includes(f.key));
  for (const prefer of KEY_PREFERENCE) {
    const found = candidates.find((f) => prefer(f, mapLabel));
    if (found) return { fields: [found.key] };
  }
  return undefined;
}

export function suggestTemplate(input: SuggestInput): TemplateSuggestion {
  const { module, file } = input;
  const nulls = guessNullValues(file.preview.flatMap((r) => Object.values(r)));
  const levelKeys = [input.level, ...ancestorsOf(module, input.level)];
  const levels: LevelFields[] = levelKeys.flatMap((key, distance) => {
    const level = module.levels.find((l) => l.key === key);
    return level ? [{ level: key, distance, fields: mappableFields(levelFields(module, level)) }] : [];
  });
  const fieldOf = (level: string, key: string) =>
    levels.find((l) => l.level === level)?.fields.find((f) => f.key === key) as ImportableField;

  let matches = matchColumns(file.columns, levels);
  // A geometry needs both X and Y.
  matches = matches.filter((m) => {
    if (m.role !== 'x' && m.role !== 'y') return true;
    const other = m.role === 'x' ? 'y' : 'x';
    return matches.some((o) => o.level === m.level && o.field === m.field && o.role === other);
  });
  // An ancestor is found by a key among its own columns (a code, a name, a date): a level whose only
  // matches are a comment or a geometry cannot be, and a file rarely means it.
  const keyed = new Set(
    levels
      .filter((l) => {
        const mapped = matches.filter((m) => m.level === l.level).map((m) => m.field);
        const mapLabel = module.levels.find((x) => x.key === l.level)?.level.mapLabel;
        return l.level === input.level || matchFor(l.fields, mapped, mapLabel) !== undefined;
      })
      .map((l) => l.level),
  );
  const chain = chainOf(module, input.level, keyed);
  const notes: SuggestionNote[] = [];
  for (const key of levelKeys.filter((k) => !chain.includes(k))) {
    const dropped = matches.filter((m) => m.level === key).map((m) => m.column);
    if (dropped.length > 0) notes.push({ code: 'ancestor_dropped', level: key, columns: dropped });
  }
  matches = matches.filter((m) => chain.includes(m.level));

  const unmappedValues: UnmappedValues[] = [];
  const dateCells: string[] = [];
  const numberCells: string[] = [];
  const mappings = new Map<string, Record<string, FieldMapping>>(chain.map((k) => [k, {}]));
  const byField = new Map<string, ColumnMatch[]>();
  for (const m of matches)
    byField.set(`${m.level}\u0000${m.field}`, [...(byField.get(`${m.level}\u0000${m.field}`) ?? []), m]);

  for (const [id, group] of byField) {
    const [level, key] = id.split('\u0000') as [string, string];
    const field = fieldOf(level, key);
    const first = group[0] as ColumnMatch;
    const cells = distinct(file, first.column, nulls);
    const target = mappings.get(level) as Record<string, FieldMapping>;
    let mapping: FieldMapping;
    switch (field.kind) {
      case 'geometry': {
        const x = group.find((m) => m.role === 'x');
        const y = group.find((m) => m.role === 'y');
        if (x && y) {
          const pairs = file.preview.map((r) => [r[x.column] ?? '', r[y.column] ?? ''] as const);
          numberCells.push(...pairs.flat());
          const guess = guessSrid(pairs);
          if (!guess.recognised)
            notes.push({ code: 'srid_unrecognised', level, field: key, srid: guess.srid });
          mapping = { x_column: x.column, y_column: y.column, srid: guess.srid };
        } else if (looksLikeGeoJson(cells)) mapping = { geojson_column: first.column };
        else {
          const guess = guessWktSrid(cells);
          if (!guess.recognised)
            notes.push({ code: 'srid_unrecognised', level, field: key, srid: guess.srid });
          mapping = { wkt_column: first.column, srid: guess.srid };
        }
        break;
      }
      case 'taxon':
        mapping = { taxon_column: first.column, by: guessTaxonBy(first.column, cells) };
        break;
      case 'choice':
      case 'vocabulary': {
        const parts = field.multiple
          ? cells.flatMap((c) => c.split(separatorOf(cells)).map((p) => p.trim()))
          : cells;
        const suggested = suggestValueMap([...new Set(parts)], field.codes ?? []);
        if (suggested.unmapped.length > 0)
          unmappedValues.push({ level, field: key, column: first.column, values: suggested.unmapped });
        mapping = {
          column: first.column,
          ...(Object.keys(suggested.values).length > 0 ? { values: suggested.values } : {}),
          ...(field.multiple && cells.some((c) => /[;|,]/.test(c)) ? { separator: separatorOf(cells) } : {}),
        };
        break;
      }
      case 'boolean': {
        const suggested = suggestBooleanMap(cells);
        if (suggested.unmapped.length > 0)
          unmappedValues.push({ level, field: key, column: first.column, values: suggested.unmapped });
        mapping = {
          column: first.column,
          ...(Object.keys(suggested.values).length > 0 ? { values: suggested.values } : {}),
        };
        break;
      }
      default:
        if (field.kind === 'date' || field.kind === 'datetime') dateCells.push(...cells);
        if (field.kind === 'decimal' || field.kind === 'integer') numberCells.push(...cells);
        mapping = {
          column: first.column,
          ...(field.multiple && cells.some((c) => /[;|,]/.test(c)) && separatorOf(cells) !== ','
            ? { separator: separatorOf(cells) }
            : {}),
        };
    }
    target[key] = mapping;
  }

  // A GeoJSON file's features carry the geometry when no column gave one.
  const targetLevel = levels.find((l) => l.level === input.level);
  if (
    file.has_feature_geometry &&
    file.source.format === 'geojson' &&
    targetLevel?.fields.some((f) => f.key === 'geometry')
  ) {
    const own = mappings.get(input.level) as Record<string, FieldMapping>;
    own.geometry ??= { feature_geometry: true };
  }

  const levelMappings: Record<string, LevelMapping> = {};
  for (const level of module.levels) {
    const fields = mappings.get(level.key);
    if (!fields) continue;
    const all = levels.find((l) => l.level === level.key)?.fields ?? [];
    // Keep the form's order, whatever order the file's columns came in.
    const ordered = Object.fromEntries(
      all.filter((f) => fields[f.key]).map((f) => [f.key, fields[f.key] as FieldMapping]),
    );
    let match: RecordMatch | undefined;
    if (level.key !== input.level) match = matchFor(all, Object.keys(ordered), level.level.mapLabel);
    else {
      const uuid = file.columns.find(
        (c) => roleOfColumn(c) === 'uuid' && !matches.some((m) => m.column === c),
      );
      if (uuid) match = { uuid_column: uuid };
    }
    levelMappings[level.key] = { fields: ordered, ...(match ? { match } : {}) };
    for (const f of all)
      if (f.required === true && !ordered[f.key])
        notes.push({ code: 'required_unmapped', level: level.key, field: f.key });
  }

  const dateFormat = guessDateFormat(dateCells);
  const decimal = guessDecimalSeparator(numberCells);
  const conventions: ImportConventions = {
    ...(dateFormat ? { date_format: dateFormat } : {}),
    ...(decimal ? { decimal_separator: decimal } : {}),
    ...(nulls.length > 0 ? { null_values: nulls } : {}),
  };
  const template: ImportTemplate = {
    suivi_import_template: IMPORT_TEMPLATE_FORMAT,
    module: module.code,
    level: input.level,
    provider: input.provider,
    name: input.name,
    source: file.source,
    ...(Object.keys(conventions).length > 0 ? { conventions } : {}),
    levels: levelMappings,
  };
  return {
    template,
    columns: file.columns.map((column) => {
      const m = matches.find((x) => x.column === column);
      return m ? { column, level: m.level, field: m.field, reason: m.reason } : { column };
    }),
    unmapped_values: unmappedValues,
    notes,
  };
}
