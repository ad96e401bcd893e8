/**
 * The module's tables as a Kysely `Database`: one row interface per table (the level tables and their
 * child tables), and `<Code>Database` mapping `'<schema>.<table>'` to them, so extension code writes
 * typed queries: `kyselyOver<ChiroGitesDatabase>(tx).selectFrom('chiro_gites.visit')…`.
 *
 * Value types are what the runtime's value parsers return on both engines (runtime/db/value-parsers.ts):
 * integer and numeric → number; date, time → text as PostgreSQL prints it; timestamptz → ISO 8601 text
 * in UTC; a geometry → text, the hex EWKB PostgreSQL prints (select `ST_AsGeoJSON(geom)` for GeoJSON).
 * A column with a default is optional on insert (`Generated`); a generated column cannot be written.
 * `ColumnType` and `Generated` are Kysely's, restated structurally so the file imports nothing.
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Column, ScalarType, Table } from '../sql/model.ts';
import { schemaModel } from '../sql/tables.ts';
import { pascalCase } from './naming.ts';

export const databaseTypeName = (code: string): string => `${pascalCase(code)}Database`;

export const rowTypeName = (code: string, table: string): string =>
  `${pascalCase(code)}${pascalCase(table)}Row`;

const SCALAR_TS = {
  uuid: 'string',
  text: 'string',
  text_list: 'string[]',
  integer: 'number',
  numeric: 'number',
  boolean: 'boolean',
  date: 'string',
  time: 'string',
  timestamptz: 'string',
} as const satisfies Record<ScalarType, string>;

const HELPERS = `/** Kysely's \`ColumnType\`, structurally: a column read as S, inserted as I, updated as U. */
export interface ColumnType<S, I = S, U = S> {
  readonly __select__: S;
  readonly __insert__: I;
  readonly __update__: U;
}

/** A column the database fills when an insert leaves it out (a default). */
export type Generated<S> = ColumnType<S, S | undefined, S>;
`;

function columnType(column: Column): string {
  const base = typeof column.type === 'string' ? SCALAR_TS[column.type] : 'string';
  const value = column.notNull ? base : `${base} | null`;
  if (column.generatedConstant !== undefined) return `ColumnType<${value}, never, never>`;
  return column.default ? `Generated<${value}>` : value;
}

function rowType(code: string, table: Table): string {
  const columns = table.columns.map((c) => `  ${c.name}: ${columnType(c)};\n`).join('');
  const doc = `/** A row of \`${table.schema}.${table.name}\`${table.field ? ` (field \`${table.field}\` of level \`${table.level}\`)` : ` (level \`${table.level}\`)`}. */`;
  return `${doc}\nexport interface ${rowTypeName(code, table.name)} {\n${columns}}\n`;
}

/** Every name this part declares, for the generator's clash check. */
export const databaseTypeNames = (protocol: ResolvedProtocol): string[] => [
  'ColumnType',
  'Generated',
  databaseTypeName(protocol.code),
  ...schemaModel(protocol).tables.map((t) => rowTypeName(protocol.code, t.name)),
];

/** The helpers, one row interface per table and the `Database` map, as TypeScript source. */
export function databaseTypes(protocol: ResolvedProtocol): string {
  const { tables } = schemaModel(protocol);
  const map = tables
    .map((t) => `  '${t.schema}.${t.name}': ${rowTypeName(protocol.code, t.name)};\n`)
    .join('');
  const database = `/** The module's tables for Kysely: \`kyselyOver<${databaseTypeName(protocol.code)}>(tx)\` (runtime/db/kysely-dialect.ts). */\nexport interface ${databaseTypeName(protocol.code)} {\n${map}}\n`;
  return [HELPERS, ...tables.map((t) => rowType(protocol.code, t)), database].join('\n');
}
