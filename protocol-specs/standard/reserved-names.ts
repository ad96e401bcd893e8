/**
 * Names a key may not take. Keys become SQL identifiers unquoted in hand-written queries and QGIS, so we
 * refuse PostgreSQL's reserved key words (SQL Key Words appendix, "reserved" and "reserved (can be
 * function or type)") rather than quoting them forever, plus system columns and the columns every
 * generated table carries.
 */
import { VALIDATION_COLUMNS } from './validation.ts';

export const SQL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'authorization',
  'binary',
  'both',
  'case',
  'cast',
  'check',
  'collate',
  'collation',
  'column',
  'concurrently',
  'constraint',
  'create',
  'cross',
  'current_catalog',
  'current_date',
  'current_role',
  'current_schema',
  'current_time',
  'current_timestamp',
  'current_user',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'false',
  'fetch',
  'for',
  'foreign',
  'freeze',
  'from',
  'full',
  'grant',
  'group',
  'having',
  'ilike',
  'in',
  'initially',
  'inner',
  'intersect',
  'into',
  'is',
  'isnull',
  'join',
  'lateral',
  'leading',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'natural',
  'not',
  'notnull',
  'null',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'outer',
  'overlaps',
  'placing',
  'primary',
  'references',
  'returning',
  'right',
  'select',
  'session_user',
  'similar',
  'some',
  'symmetric',
  'system_user',
  'table',
  'tablesample',
  'then',
  'to',
  'trailing',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'variadic',
  'verbose',
  'when',
  'where',
  'window',
  'with',
]);

export const SYSTEM_COLUMNS: ReadonlySet<string> = new Set([
  'oid',
  'tableoid',
  'xmin',
  'xmax',
  'cmin',
  'cmax',
  'ctid',
]);

/** Columns the server sets on every record (ids, audit, optimistic locking): never in a request body. */
export const SERVER_COLUMNS = [
  'id',
  'organisation_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'row_version',
  'spec_version',
] as const;

/**
 * Columns the generated schema adds to level tables (to every one, or to validated levels for the
 * validation columns); a field cannot use these keys.
 */
export const GENERATED_COLUMNS: ReadonlySet<string> = new Set([
  ...SERVER_COLUMNS,
  ...VALIDATION_COLUMNS,
  'geom',
  'parent_id',
]);

/** Scope names of the rule language: a level with one of these keys could not be named in rules. */
export const RULE_SCOPES: ReadonlySet<string> = new Set(['value', 'parent', 'row', 'choice']);

function sqlReason(key: string): string | undefined {
  if (SQL_RESERVED_WORDS.has(key)) return 'is an SQL reserved word';
  if (SYSTEM_COLUMNS.has(key)) return 'is a PostgreSQL system column';
  // Generated names join a key and a suffix with `__` (`count__min`, `visit__observers`): keys must not.
  if (key.includes('__')) return 'contains a double underscore, which generated names use as a separator';
  return undefined;
}

/** Schemas the core owns, and PostgreSQL's own: a protocol's schema is named after its code. */
const RESERVED_SCHEMAS: ReadonlySet<string> = new Set([
  'ref',
  'suivi',
  'public',
  'information_schema',
  'postgis',
  'topology',
]);

export function protocolCodeReservedReason(code: string): string | undefined {
  if (RESERVED_SCHEMAS.has(code)) return 'names a schema of the core or of PostgreSQL';
  if (code.startsWith('pg_')) return 'starts with pg_, which PostgreSQL reserves';
  return sqlReason(code);
}

/**
 * Path segments a module's API uses beside its level keys (`/api/modules/<code>/x/…` for extension
 * routes, `/api/modules/<code>/forms/<level>`, `/api/modules/<code>/batch` for offline outboxes): a level taking one would shadow them or be shadowed.
 */
const MODULE_PATH_SEGMENTS: ReadonlySet<string> = new Set(['x', 'forms', 'batch']);

export function levelKeyReservedReason(key: string): string | undefined {
  if (RULE_SCOPES.has(key)) return 'is a scope name of the rule language';
  if (MODULE_PATH_SEGMENTS.has(key))
    return "is a path segment of the module's API (/x for extension routes, /forms, /batch)";
  return sqlReason(key);
}

/** `geometry` names a level's own geometry in mappings (`site.geometry`), so no field may take it. */
export function fieldKeyReservedReason(key: string, levelKeys: readonly string[]): string | undefined {
  if (GENERATED_COLUMNS.has(key)) return 'is a column every generated table already has';
  if (key === 'geometry') return "names the level's geometry";
  if (levelKeys.some((level) => key === `${level}_id`)) return 'names the link to a level';
  return sqlReason(key);
}
