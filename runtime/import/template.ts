/**
 * The import template: how one provider's files become one module's records. It is the contract
 * between the import engine (runtime/import/engine, the CLI `suivi import`, bench/import) and the
 * wizard (template store, suggestions, web pages): both read and write exactly this shape, and a
 * template exported as JSON is this object.
 *
 * One template maps one file layout of one provider into one module. A row of the file is one record
 * of `level` (the deepest level the file fills); a flat file can also carry the columns of the
 * ancestors (one row per observation with its visit's and site's columns): `levels` then maps every
 * level from the top down to `level`, and each ancestor is found, or created, by its `match` key, once
 * per distinct key (rows are deduplicated on it).
 *
 * Values are mapped, never evaluated: no expression language, no code in a template.
 */

/** Bumped when the shape changes incompatibly; a template with another value is refused, with the reason. */
export const IMPORT_TEMPLATE_FORMAT = 1;

export type ImportFormat = 'csv' | 'xlsx' | 'geojson';

/** How the file is read. Anything left out is detected (and the detection is reported). */
export interface ImportSourceOptions {
  readonly format: ImportFormat;
  /** CSV: 'utf-8' (with or without BOM) or 'windows-1252' (covers Latin-1); default: detected. */
  readonly encoding?: 'utf-8' | 'windows-1252';
  /** CSV: one character (',', ';', '\t', '|'); default: detected from the first lines. */
  readonly delimiter?: string;
  /** XLSX: the sheet's name; default: the first sheet. */
  readonly sheet?: string;
  /** 1-based row of the column names (CSV, XLSX); default 1. Rows above it are skipped, not counted. */
  readonly header_row?: number;
}

/**
 * Date and number conventions of the provider. A cell that does not follow them is a row error naming
 * the column, never a guess.
 */
export interface ImportConventions {
  /** 'yyyy-mm-dd' (ISO, also accepts full ISO date-times), 'dd/mm/yyyy', 'mm/dd/yyyy', 'dd.mm.yyyy'. XLSX date cells and Excel serial numbers are always understood. */
  readonly date_format?: 'yyyy-mm-dd' | 'dd/mm/yyyy' | 'mm/dd/yyyy' | 'dd.mm.yyyy';
  /** '.' or ','; default '.' (',' also accepts '.'). */
  readonly decimal_separator?: '.' | ',';
  /** Cell texts that mean "no value" besides the empty cell (trimmed, case-insensitive), e.g. ['NA', '-']. */
  readonly null_values?: readonly string[];
}

/** A plain value of a record field: what the record API takes for that field. */
export type ImportConstant = string | number | boolean | null | readonly string[];

/**
 * Where a field's value comes from. Exactly one source per field; a field not listed gets its default
 * (as on the API), and a required field with neither is a row error.
 */
export type FieldMapping =
  /** A column's cell, converted to the field's type. `values` maps the provider's cell texts (trimmed, compared case-insensitively) to the field's codes: 'M' → 'male'. Unmapped texts are tried as codes, then as labels (fr, en) of the field's vocabulary. */
  | {
      readonly column: string;
      readonly values?: Readonly<Record<string, string | null>>;
      /** Multi-valued fields (several choices, observers): the cell's separator, default ','. */
      readonly separator?: string;
    }
  /** The same value on every row. */
  | { readonly constant: ImportConstant }
  /** A taxon field: cd_nom, or a scientific name with or without its authority, or a vernacular name; 'auto' tries cd_nom, then the scientific name, then the vernacular name. */
  | {
      readonly taxon_column: string;
      readonly by: 'cd_nom' | 'scientific_name' | 'vernacular_name' | 'auto';
    }
  /** A geometry field: X/Y columns in any EPSG code, or WKT, or GeoJSON text, or (GeoJSON files) the feature's geometry. Transformed to the field's SRID by PostGIS. */
  | { readonly x_column: string; readonly y_column: string; readonly srid: number }
  | { readonly wkt_column: string; readonly srid: number }
  | { readonly geojson_column: string }
  | { readonly feature_geometry: true };

/** The key that finds a level's existing record: some of its fields' values, or its UUID. */
export type RecordMatch = { readonly fields: readonly string[] } | { readonly uuid_column: string };

export interface LevelMapping {
  /** Field key → source. Keys are the level's field keys as in the spec (the API's body keys). */
  readonly fields: Readonly<Record<string, FieldMapping>>;
  /**
   * Ancestors: required, the key a parent is found by (created if absent, once per key). The target
   * level: the key `upsert` updates by and that deduplicates rows of one file.
   */
  readonly match?: RecordMatch;
}

export interface ImportTemplate {
  readonly suivi_import_template: typeof IMPORT_TEMPLATE_FORMAT;
  /** Module code and the level a row creates. */
  readonly module: string;
  readonly level: string;
  /** Who sends files in this layout (an association, a consultancy…): templates are listed per provider. */
  readonly provider: string;
  readonly name: string;
  readonly source: ImportSourceOptions;
  readonly conventions?: ImportConventions;
  /** `level` and, for a flat file, each of its ancestors, keyed by level key. */
  readonly levels: Readonly<Record<string, LevelMapping>>;
}

/** insert: every row is a new record. upsert: a row whose `match` finds a record updates it. replace: the provider's records from earlier jobs of this template are deleted first. */
export type ImportMode = 'insert' | 'upsert' | 'replace';

/** all_or_nothing: one rejected row rejects the file. valid_rows: the valid rows go in, the others are reported. */
export type ImportAtomicity = 'all_or_nothing' | 'valid_rows';

/** One reason a row was refused, with the record API's code and message for the same value. */
export interface ImportProblem {
  /** 1-based line of the data row in the file (header excluded) — what a spreadsheet user looks up. */
  readonly row: number;
  /** The level whose record the problem belongs to (an ancestor in a flat file), and its field ('' for the whole row). */
  readonly level: string;
  readonly field: string;
  /** The file's column the value came from, when there is one. */
  readonly column?: string;
  readonly code: string;
  readonly message: { readonly fr: string; readonly en: string };
  /** The cell as read. */
  readonly value?: string;
}

/** rows_read = inserted + updated + rejected + skipped, always (skipped: blank rows and duplicates of an earlier row). */
export interface ImportCounts {
  readonly rows_read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly skipped: number;
}
