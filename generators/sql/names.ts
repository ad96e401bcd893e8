/**
 * SQL names: quoting, the 63-byte limit, and the naming conventions the runtime relies on to map a
 * constraint violation back to a field (README.md, "Names"). Every generated name goes through here.
 */
import { createHash } from 'node:crypto';
// The reserved-word list lives beside the key validator; the public index does not export it yet.
import { SQL_RESERVED_WORDS } from '../../protocol-specs/standard/reserved-names.ts';

/** PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

const HASH_LENGTH = 8;

/**
 * The name itself when it fits in 63 bytes; otherwise a prefix and an 8-hex-digit hash of the whole
 * name, so two long names sharing a prefix stay distinct and the result is the same on every run.
 */
export function shortName(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  let prefix = name;
  while (Buffer.byteLength(prefix, 'utf8') > MAX_IDENTIFIER_BYTES - HASH_LENGTH - 1)
    prefix = prefix.slice(0, -1);
  return `${prefix}_${hash}`;
}

const PLAIN = /^[a-z_][a-z0-9_]*$/;

/** An identifier as SQL: bare when PostgreSQL reads it back unchanged, else double-quoted. */
export function ident(name: string): string {
  if (PLAIN.test(name) && !SQL_RESERVED_WORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export const qualified = (table: TableRef): string => `${ident(table.schema)}.${ident(table.name)}`;

/**
 * What a named constraint checks. The runtime maps a violation of `<column>__<kind>` to the field whose
 * key (or column) comes before the last `__`; names too long for 63 bytes are hashed, so the runtime
 * rebuilds the map with constraintName() rather than parsing names.
 */
export const CONSTRAINT_KINDS = [
  'required',
  'visible',
  'min',
  'max',
  'pattern',
  'length',
  'decimals',
  'choice',
  'taxon',
  'valid',
  'fk',
  'any',
  'observer',
  'single',
  'free_text',
  'accept',
] as const;
export type ConstraintKind = (typeof CONSTRAINT_KINDS)[number];

export const constraintName = (column: string, kind: ConstraintKind): string =>
  shortName(`${column}__${kind}`);

/** The CHECK constraint of a level's record check `id` (docs/spec.md "Record checks"). */
export const checkConstraintName = (table: string, id: string): string => shortName(`ck_${table}_${id}`);

/** A link or child table of a field: `<owner table>__<field key>`. */
export const childTableName = (owner: string, fieldKey: string): string => shortName(`${owner}__${fieldKey}`);

/** Index-backed names (primary keys, unique constraints, indexes) share the schema's namespace: prefix the table. */
export const primaryKeyName = (table: string): string => shortName(`${table}__pk`);
export const uniqueName = (table: string, columns: readonly string[]): string =>
  shortName(`${table}__${columns.join('__')}__key`);
export const indexName = (table: string, columns: readonly string[]): string =>
  shortName(`${table}__${columns.join('__')}__idx`);

/** The link column from a level to one of its parents, e.g. `site_id`. */
export const parentColumn = (parentKey: string): string => shortName(`${parentKey}_id`);

/** The generated constant column holding a vocabulary field's type, for the composite foreign key. */
export const vocabularyTypeColumn = (fieldKey: string): string => shortName(`${fieldKey}__type`);

export const exportViewName = (levelKey: string): string => shortName(`v_${levelKey}_export`);
export const SINP_VIEW_NAME = 'v_occurrence_sinp';

/** `occStadeDeVie` → `occ_stade_de_vie`: SINP attribute names as SQL column names. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
