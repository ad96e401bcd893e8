/** Table model → `001-tables.sql`: the schema, protocol vocabularies, tables, keys, checks, indexes, comments. */
import { sqlLiteral } from '../../protocol-specs/index.ts';
import type { Column, ColumnDefault, ColumnType, Constraint, Index, SchemaModel, Table } from './model.ts';
import { SQL_SCALAR_TYPES } from './model.ts';
import { ident, qualified, type TableRef } from './names.ts';
import { renderVocabularies } from './vocabularies.ts';

const GEOMETRY_TYPES = { point: 'Point', line: 'LineString', polygon: 'Polygon', any: 'Geometry' } as const;

export function renderTables(model: SchemaModel): string {
  const schema = ident(model.schema);
  const created = new Set<string>();
  const deferred: Array<{ table: Table; constraint: Constraint }> = [];
  const parts = [
    `CREATE SCHEMA ${schema};\nCOMMENT ON SCHEMA ${schema} IS ${sqlLiteral(model.comment)};\n`,
    ...renderVocabularies(model.vocabularies),
    ...model.tables.map((table) => {
      const later = (c: Constraint) =>
        c.kind === 'foreign_key' && c.references.schema === model.schema && c.references.name !== table.name
          ? !created.has(c.references.name)
          : false;
      for (const constraint of table.constraints.filter(later)) deferred.push({ table, constraint });
      const text = renderTable(
        table,
        table.constraints.filter((c) => !later(c)),
      );
      created.add(table.name);
      return text;
    }),
  ];
  if (deferred.length > 0) {
    parts.push(
      [
        '-- Foreign keys to tables created after their own.',
        ...deferred.map(
          ({ table, constraint }) => `ALTER TABLE ${qualified(table)} ADD ${renderConstraint(constraint)};`,
        ),
        '',
      ].join('\n'),
    );
  }
  return parts.join('\n');
}

/** One table: its CREATE TABLE with the given constraints, its indexes and comments (the migration planner creates new tables with it). */
export function renderTable(table: Table, constraints: readonly Constraint[]): string {
  const name = qualified(table);
  const lines = [
    `-- ${name}: ${oneLine(table.comment)}`,
    ...notes('Enforced by the server, not by this table', table.serverRules),
    ...notes('Computed or filled by the server', table.serverValues),
    `CREATE TABLE ${name} (`,
    tableBody([
      ...table.columns.map((c) => ({ text: renderColumn(c) })),
      ...constraints.map((c) => ({
        text: renderConstraint(c),
        ...(c.kind === 'check' && c.source ? { comment: c.source } : {}),
      })),
    ]),
    ');',
    ...table.indexes.map((i) => `${renderIndex(table, i)};`),
    ...renderComments(table).map((c) => `${c};`),
    '',
  ];
  return lines.join('\n');
}

/** One item a line, each after its own comment line, commas between items (never inside a comment). */
function tableBody(items: ReadonlyArray<{ readonly text: string; readonly comment?: string }>): string {
  return items
    .map((item, i) => {
      const comma = i < items.length - 1 ? ',' : '';
      return [...(item.comment ? [`  -- ${oneLine(item.comment)}`] : []), `  ${item.text}${comma}`].join(
        '\n',
      );
    })
    .join('\n');
}

/** A list of notes as SQL comment lines, or nothing. */
function notes(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`-- ${title}:`, ...items.map((i) => `--   ${oneLine(i)}`)];
}

export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');

export function renderType(type: ColumnType): string {
  return typeof type === 'string'
    ? SQL_SCALAR_TYPES[type]
    : `geometry(${GEOMETRY_TYPES[type.geometry]}, 4326)`;
}

/** The COMMENT ON statements of a table and its columns (no final semicolons). */
export function renderComments(table: Table): string[] {
  const name = qualified(table);
  return [
    `COMMENT ON TABLE ${name} IS ${sqlLiteral(table.comment)}`,
    ...table.columns.map((c) => `COMMENT ON COLUMN ${name}.${ident(c.name)} IS ${sqlLiteral(c.comment)}`),
  ];
}

export function renderColumn(c: Column): string {
  const parts = [ident(c.name), renderType(c.type)];
  if (c.generatedConstant !== undefined)
    parts.push(`GENERATED ALWAYS AS (${sqlLiteral(c.generatedConstant)}) STORED`);
  if (c.notNull) parts.push('NOT NULL');
  if (c.default) parts.push(`DEFAULT ${renderDefault(c.default)}`);
  return parts.join(' ');
}

export function renderDefault(d: ColumnDefault): string {
  if (d.kind === 'function') return `${d.name}()`;
  const v = d.value;
  if (Array.isArray(v)) return `ARRAY[${v.map((x: string) => sqlLiteral(x)).join(', ')}]::text[]`;
  return sqlLiteral(v as string | number | boolean);
}

const columnList = (columns: readonly string[]): string => columns.map(ident).join(', ');

export function renderConstraint(c: Constraint): string {
  const head = `CONSTRAINT ${ident(c.name)}`;
  switch (c.kind) {
    case 'primary_key':
      return `${head} PRIMARY KEY (${columnList(c.columns)})`;
    case 'unique':
      return `${head} UNIQUE (${columnList(c.columns)})`;
    case 'foreign_key':
      return `${head} FOREIGN KEY (${columnList(c.columns)}) REFERENCES ${qualified(c.references)} (${columnList(c.referencedColumns)}) ON DELETE ${c.onDelete.toUpperCase()}`;
    case 'check':
      return `${head} CHECK (${c.sql})`;
  }
}

/** CREATE INDEX, without its semicolon. */
export function renderIndex(table: TableRef, index: Index): string {
  const using = index.method === 'gist' ? ' USING gist' : '';
  const columns = index.columns.map((c) => `${ident(c.name)}${c.descending ? ' DESC' : ''}`).join(', ');
  return `CREATE INDEX ${ident(index.name)} ON ${qualified(table)}${using} (${columns})`;
}
