/**
 * What an export request asks for, read from a query string (direct downloads) or a job's body: the
 * format, codes or labels, the headers' language, the CSV separator and byte-order mark. Anything else
 * in the query string is a list filter, read against the level's query spec (parse-list-query.ts).
 * Bad values are 400s naming the parameter, never a guess.
 */
import { badRequest } from '../http/errors.ts';

export const EXPORT_FORMATS = ['csv', 'geojson', 'xlsx', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `columns`: the view's column names (stable, for scripts); `fr`/`en`: the fields' labels. */
export type HeaderLanguage = 'columns' | 'fr' | 'en';
/** `codes`: vocabulary codes; `labels`: their labels (the generated views carry the French ones). */
export type ValueMode = 'codes' | 'labels';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** One level; undefined: every level of the module (XLSX sheets, GeoPackage layers). */
  readonly level?: string;
  readonly values: ValueMode;
  readonly headers: HeaderLanguage;
  /** `;` is what a French Excel opens as columns. */
  readonly separator: ',' | ';';
  /** A UTF-8 byte-order mark, so Excel reads the accents right. */
  readonly bom: boolean;
  /** The whole tree: each row carries its ancestors' columns (prefixed with their level key). */
  readonly tree: boolean;
}

/** The parameters this file reads: the rest of the query string are filters. */
export const OPTION_PARAMS: ReadonlySet<string> = new Set([
  'format',
  'level',
  'values',
  'headers',
  'separator',
  'bom',
  'tree',
]);

/** What a format's file is called and served as. */
export const FORMAT_FILES = {
  csv: { extension: 'csv', mime: 'text/csv; charset=utf-8; header=present' },
  geojson: { extension: 'geojson', mime: 'application/geo+json; charset=utf-8' },
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  gpkg: { extension: 'gpkg', mime: 'application/geopackage+sqlite3' },
} as const satisfies Record<ExportFormat, { extension: string; mime: string }>;

/** Formats writing one table: they need a level. */
export const SINGLE_LEVEL: Readonly<Record<ExportFormat, boolean>> = {
  csv: true,
  geojson: true,
  xlsx: false,
  gpkg: false,
};

type Source = Readonly<Record<string, unknown>>;

function oneOf<T extends string>(source: Source, name: string, allowed: readonly T[], fallback: T): T {
  const value = source[name];
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest([
    {
      path: `/query/${name}`,
      code: 'export-option-invalid',
      message: `${name} doit valoir ${allowed.join(', ')} / ${name} must be one of ${allowed.join(', ')}`,
    },
  ]);
}

export function parseExportOptions(source: Source): ExportOptions {
  const format = oneOf(source, 'format', EXPORT_FORMATS, 'csv');
  const level = source.level;
  if (level !== undefined && typeof level !== 'string')
    throw badRequest([{ path: '/query/level', code: 'export-option-invalid', message: 'level: text' }]);
  if (SINGLE_LEVEL[format] && !level)
    throw badRequest([
      {
        path: '/query/level',
        code: 'export-level-required',
        message: `Le format ${format} exporte un niveau : précisez level / the ${format} format needs a level`,
      },
    ]);
  const flag = (name: string, fallback: boolean) => {
    const value = source[name];
    if (value === undefined || value === '') return fallback;
    return value === true || value === '1' || value === 'true';
  };
  return {
    format,
    ...(level ? { level } : {}),
    values: oneOf(source, 'values', ['codes', 'labels'] as const, 'codes'),
    headers: oneOf(source, 'headers', ['columns', 'fr', 'en'] as const, 'columns'),
    separator: oneOf(source, 'separator', [',', ';'] as const, ','),
    bom: flag('bom', false),
    tree: flag('tree', true),
  };
}

/** The query string without the export options: the list filters. */
export const filtersOf = (query: Readonly<Record<string, string | undefined>>) =>
  Object.fromEntries(Object.entries(query).filter(([k]) => !OPTION_PARAMS.has(k)));
