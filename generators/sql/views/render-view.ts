/** One view as SQL text: CREATE VIEW with one column a line, then its comment. */
import { sqlLiteral } from '../../../protocol-specs/index.ts';
import { ident, qualified, type TableRef } from '../names.ts';
import type { ViewColumn } from './export-columns.ts';

export interface ViewText {
  readonly view: TableRef;
  readonly comment: string;
  readonly columns: readonly ViewColumn[];
  /** The FROM list: the first table, then its joins, one a line. */
  readonly from: readonly string[];
  readonly where?: string;
  /** Comment lines written above the view. */
  readonly notes?: readonly string[];
}

export function renderView(v: ViewText): string {
  const name = qualified(v.view);
  return [
    ...(v.notes ?? []).map((n) => `-- ${n.replace(/\s*[\r\n]+\s*/g, ' ')}`),
    `CREATE VIEW ${name} AS`,
    'SELECT',
    v.columns.map((c) => `  ${selectItem(c)}`).join(',\n'),
    `FROM ${v.from.join('\n')}${v.where ? `\nWHERE ${v.where}` : ''};`,
    `COMMENT ON VIEW ${name} IS ${sqlLiteral(v.comment)};`,
    '',
  ].join('\n');
}

/** `r.id` rather than `r.id AS id`: the alias only where the name differs from the column read. */
export function selectItem(c: ViewColumn): string {
  const name = ident(c.name);
  return c.sql.endsWith(`.${name}`) && /^[a-z_][a-z0-9_]*$/.test(c.sql.slice(0, -name.length - 1))
    ? c.sql
    : `${c.sql} AS ${name}`;
}
