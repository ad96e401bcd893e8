/**
 * A batch of rows → per row, per level of the template, the record body the record API takes: each
 * mapped field's value (cells converted by values.ts; taxa, observers and geometries looked up once for
 * the whole batch), and the problems the conversion itself found (a taxon or a geometry not found).
 * Fields the template does not map are left out, so the API gives them their defaults.
 */
import type { ResolvedField, ResolvedLevel, ResolvedProtocol } from '../../../protocol-specs/index.ts';
import type { Queryable } from '../../db/database.ts';
import { IMPORT_WORDS, type Words } from '../import-i18n.ts';
import type { SourceRow } from '../sources/index.ts';
import type { FieldMapping, ImportProblem, ImportTemplate } from '../template.ts';
import { type GeometryInput, lookUpObservers, lookUpTaxa, transformGeometries } from './lookups.ts';
import { cellValue, isNullText, numberValue } from './values.ts';

/** The body key of a level's own geometry. */
export const GEOMETRY_KEY = 'geometry';

export interface LevelBody {
  readonly body: Record<string, unknown>;
  /** Field key → the column its value came from (for problems and the report). */
  readonly columns: Readonly<Record<string, string>>;
}

export interface ConvertedRow {
  readonly source: SourceRow;
  readonly levels: Readonly<Record<string, LevelBody>>;
  readonly problems: ImportProblem[];
}

type Kind = 'column' | 'constant' | 'taxon' | 'xy' | 'wkt' | 'geojson' | 'feature';
export const mappingKind = (m: FieldMapping): Kind =>
  'column' in m
    ? 'column'
    : 'constant' in m
      ? 'constant'
      : 'taxon_column' in m
        ? 'taxon'
        : 'x_column' in m
          ? 'xy'
          : 'wkt_column' in m
            ? 'wkt'
            : 'geojson_column' in m
              ? 'geojson'
              : 'feature';

/** The column a mapping reads (the X column for X/Y). */
export const mappingColumn = (m: FieldMapping): string | undefined =>
  'column' in m
    ? m.column
    : 'taxon_column' in m
      ? m.taxon_column
      : 'x_column' in m
        ? m.x_column
        : 'wkt_column' in m
          ? m.wkt_column
          : 'geojson_column' in m
            ? m.geojson_column
            : undefined;

export interface ConvertContext {
  readonly db: Queryable;
  readonly protocol: ResolvedProtocol;
  readonly template: ImportTemplate;
  /** The levels the template maps, top down. */
  readonly levels: readonly ResolvedLevel[];
}

const fieldOf = (level: ResolvedLevel, key: string): ResolvedField | undefined =>
  level.fields.find((f) => f.key === key);

const problem = (
  row: number,
  level: string,
  field: string,
  column: string | undefined,
  code: string,
  message: Words,
  value?: string,
): ImportProblem => ({
  row,
  level,
  field,
  ...(column === undefined ? {} : { column }),
  code,
  message,
  ...(value === undefined ? {} : { value }),
});

export async function convertRows(ctx: ConvertContext, rows: readonly SourceRow[]): Promise<ConvertedRow[]> {
  const conventions = ctx.template.conventions ?? {};
  const cell = (row: SourceRow, column: string) => row.cells[column] ?? '';
  const present = (text: string) => !isNullText(text, conventions);

  // Set-wise lookups first: every taxon text, observer name and geometry of the batch.
  const taxa = new Map<string, Map<string, number>>();
  const observers = new Set<string>();
  const geometries = new Map<number, GeometryInput>();
  const geometryKeys: { row: number; level: string; field: string }[] = [];
  for (const level of ctx.levels) {
    const mapping = ctx.template.levels[level.key];
    for (const [key, m] of Object.entries(mapping?.fields ?? {})) {
      const field = fieldOf(level, key);
      if ('taxon_column' in m) {
        const texts = rows.map((r) => cell(r, m.taxon_column)).filter(present);
        const cacheKey = `${m.by}\u0000${m.taxon_column}`;
        taxa.set(cacheKey, await lookUpTaxa(ctx.db, texts, m.by));
      } else if ('column' in m && field?.kind === 'observers') {
        for (const r of rows)
          for (const n of cell(r, m.column).split(m.separator ?? ','))
            if (present(n)) observers.add(n.trim());
      } else if ('x_column' in m || 'wkt_column' in m) {
        rows.forEach((r, i) => {
          const input = geometryInput(m, r, conventions.decimal_separator, present);
          if (!input) return;
          const index = geometryKeys.length;
          geometryKeys.push({ row: i, level: level.key, field: key });
          geometries.set(index, input);
        });
      }
    }
  }
  const users = await lookUpObservers(ctx.db, [...observers]);
  const transformed = await transformGeometries(ctx.db, geometries);
  const geometryOf = new Map<string, unknown>();
  geometryKeys.forEach((k, i) => {
    geometryOf.set(`${k.row}\u0000${k.level}\u0000${k.field}`, transformed.get(i) ?? null);
  });

  return rows.map((row, i) => {
    const problems: ImportProblem[] = [];
    if (row.cellCount)
      problems.push(
        problem(
          row.row,
          ctx.template.level,
          '',
          undefined,
          'column_count',
          IMPORT_WORDS.cellCount(row.cellCount.expected, row.cellCount.found),
        ),
      );
    const levels: Record<string, LevelBody> = {};
    for (const level of ctx.levels) {
      const body: Record<string, unknown> = {};
      const columns: Record<string, string> = {};
      for (const [key, m] of Object.entries(ctx.template.levels[level.key]?.fields ?? {})) {
        const field = fieldOf(level, key);
        const column = mappingColumn(m);
        if (column !== undefined) columns[key] = column;
        const set = (v: unknown) => {
          body[key] = v;
        };
        if ('constant' in m) set(m.constant);
        else if ('taxon_column' in m) {
          const text = cell(row, m.taxon_column).trim();
          if (!present(text)) {
            // An empty cell is a field left out: its default on create, its value kept on update.
          } else {
            const cdNom = taxa.get(`${m.by}\u0000${m.taxon_column}`)?.get(text);
            if (cdNom === undefined)
              problems.push(
                problem(
                  row.row,
                  level.key,
                  key,
                  column,
                  'taxon_not_found',
                  IMPORT_WORDS.taxonNotFound(text),
                  text,
                ),
              );
            else set(cdNom);
          }
        } else if ('x_column' in m || 'wkt_column' in m) {
          const g = geometryOf.get(`${i}\u0000${level.key}\u0000${key}`);
          if (g === undefined) {
            // No coordinates: left out, like an empty cell.
          } else if (g === null) {
            const text =
              'x_column' in m ? `${cell(row, m.x_column)} ${cell(row, m.y_column)}` : cell(row, m.wkt_column);
            problems.push(
              problem(
                row.row,
                level.key,
                key,
                column,
                'geometry_unreadable',
                IMPORT_WORDS.geometryUnreadable(text),
                text,
              ),
            );
          } else set(g);
        } else if ('geojson_column' in m) {
          const text = cell(row, m.geojson_column);
          if (!present(text)) {
            // An empty cell is a field left out: its default on create, its value kept on update.
          } else
            try {
              set(JSON.parse(text));
            } catch {
              problems.push(
                problem(
                  row.row,
                  level.key,
                  key,
                  column,
                  'geometry_unreadable',
                  IMPORT_WORDS.geometryUnreadable(text),
                  text,
                ),
              );
            }
        } else if ('feature_geometry' in m) set(row.geometry ?? null);
        else {
          const text = cell(row, m.column);
          if (!present(text)) {
            // An empty cell is a field left out: its default on create, its value kept on update.
          } else if (field?.kind === 'observers') {
            const names = text
              .split(m.separator ?? ',')
              .map((n) => n.trim())
              .filter((n) => present(n));
            const people = names.map((n) => {
              const id = users.get(n);
              return id ? { user_id: id } : { name: n };
            });
            set(field.multiple ? people : (people[0] ?? null));
          } else if (field === undefined) set(text);
          else {
            const v = cellValue(field, text.trim(), {
              protocol: ctx.protocol,
              conventions,
              ...(m.values ? { values: m.values } : {}),
              ...(m.separator ? { separator: m.separator } : {}),
            });
            if (v === undefined)
              problems.push(
                problem(
                  row.row,
                  level.key,
                  key,
                  column,
                  'not_importable',
                  IMPORT_WORDS.notMappable(key),
                  text,
                ),
              );
            else set(v);
          }
        }
      }
      levels[level.key] = { body, columns };
    }
    return { source: row, levels, problems };
  });
}

function geometryInput(
  m: FieldMapping,
  row: SourceRow,
  decimal: '.' | ',' | undefined,
  present: (t: string) => boolean,
): GeometryInput | undefined {
  if ('x_column' in m) {
    const [xt, yt] = [row.cells[m.x_column] ?? '', row.cells[m.y_column] ?? ''];
    if (!present(xt) && !present(yt)) return undefined;
    const x = numberValue(xt.trim(), decimal ?? ',');
    const y = numberValue(yt.trim(), decimal ?? ',');
    // Unreadable numbers go to PostGIS as text it cannot read: reported per row like any bad geometry.
    if (typeof x !== 'number' || typeof y !== 'number') return { wkt: 'unreadable', srid: m.srid };
    return { x, y, srid: m.srid };
  }
  if ('wkt_column' in m) {
    const text = (row.cells[m.wkt_column] ?? '').trim();
    return present(text) ? { wkt: text, srid: m.srid } : undefined;
  }
  return undefined;
}
