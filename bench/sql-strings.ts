/**
 * Counts the hand-written SQL in runtime/ (issue 9's figure): string and template literals of the
 * production files (not tests, test helpers or the browser app) whose text is SQL, and `query<Row>(…)`
 * calls, whose row type nothing checks.
 *
 * A literal is SQL when it starts with a statement keyword in upper case (`SELECT`, `INSERT`…) or holds
 * a clause keyword in upper case (`FROM`, `WHERE`, `JOIN`…): the project writes SQL keywords in upper
 * case and nothing else. A template counts once, whatever its `${…}`; one inside Kysely's `sql` tag
 * counts too (listed as `sql`). "core" marks a literal naming a core table (schemas suivi and ref).
 *
 *   node --import tsx bench/sql-strings.ts            # totals
 *   node --import tsx bench/sql-strings.ts --list     # every literal and call, by file and line
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { CORE_COLUMNS } from '../runtime/db/core-columns.ts';

const ROOT = join(import.meta.dirname, '..');
const STATEMENT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|ANALYZE)\s/;
const CLAUSE = /\b(FROM|WHERE|JOIN|ORDER BY|GROUP BY|ON CONFLICT|RETURNING|EXISTS|VALUES)\b/;
const CORE_TABLES = new Set(Object.keys(CORE_COLUMNS));
const namesCoreTable = (text: string) =>
  [...text.matchAll(/\b(suivi|ref)\.([a-z_]+)\b/g)].some((m) => CORE_TABLES.has(`${m[1]}.${m[2]}`));

const production = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'web' || entry.name === 'dist' ? [] : production(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.|test-helpers/.test(entry.name) ? [path] : [];
  });

const textOf = (node: ts.Node): string | undefined => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => ` \${} ${s.literal.text}`).join('');
  return undefined;
};

interface Found {
  readonly where: string;
  readonly kind: 'sql' | 'query<Row>';
  readonly tagged: boolean;
  readonly core: boolean;
  readonly text: string;
}

function scan(file: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const where = (node: ts.Node) =>
    `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    const text = textOf(node);
    if (
      text !== undefined &&
      !ts.isImportDeclaration(node.parent) &&
      (STATEMENT.test(text) || CLAUSE.test(text))
    ) {
      const tagged = ts.isTaggedTemplateExpression(node.parent);
      found.push({ where: where(node), kind: 'sql', tagged, core: namesCoreTable(text), text });
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'query' &&
      node.typeArguments?.length
    ) {
      found.push({
        where: where(node),
        kind: 'query<Row>',
        tagged: false,
        core: false,
        text: node.getText(),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const { values } = parseArgs({ options: { list: { type: 'boolean', default: false } } });
const found = production(join(ROOT, 'runtime')).flatMap(scan);
if (values.list) {
  for (const f of found) {
    const flags = [f.kind, f.tagged ? 'sql-tag' : '', f.core ? 'core' : ''].filter(Boolean).join(' ');
    console.log(`${f.where}  ${flags}  ${f.text.replace(/\s+/g, ' ').slice(0, 90)}`);
  }
}
const sql = found.filter((f) => f.kind === 'sql');
const inRecords = (f: Found) => f.where.startsWith('runtime/records/');
console.log(
  JSON.stringify({
    sqlLiterals: sql.length,
    sqlLiteralsNamingCoreTables: sql.filter((f) => f.core).length,
    sqlLiteralsInSqlTag: sql.filter((f) => f.tagged).length,
    sqlLiteralsOutsideRecords: sql.filter((f) => !inRecords(f)).length,
    queryRowCalls: found.filter((f) => f.kind === 'query<Row>').length,
    queryRowCallsOutsideRecords: found.filter((f) => f.kind === 'query<Row>' && !inRecords(f)).length,
  }),
);
