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
 *   node --import tsx bench/sql-strings.ts --check    # exit 1 if the record engine builds SQL as text
 *
 * Figures (runtime/, production files):
 *
 *   | when                                         | SQL literals | in `sql` tag | in records/ | query<Row> | in records/ |
 *   | -------------------------------------------- | -----------: | -----------: | ----------: | ---------: | ----------: |
 *   | core tables on Kysely (CoreDatabase)         |           80 |            3 |          41 |         27 |          11 |
 *   | record engine on Kysely (dynamic references) |           42 |            8 |           5 |         15 |           0 |
 *
 * What remains in records/ is inside Kysely's `sql` tag, on purpose: column reads (`to_char`, a CASE on
 * a time's seconds), the GeoJSON features' `json_agg … ORDER BY`, the export view's catalog columns. What
 * remains elsewhere: migrations and module installs (DDL, catalogs), PostGIS setup, refdata batch
 * upserts from `unnest`, the taxon search.
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

const { values } = parseArgs({
  options: { list: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } },
});
const found = production(join(ROOT, 'runtime')).flatMap(scan);
if (values.list) {
  for (const f of found) {
    const flags = [f.kind, f.tagged ? 'sql-tag' : '', f.core ? 'core' : ''].filter(Boolean).join(' ');
    console.log(`${f.where}  ${flags}  ${f.text.replace(/\s+/g, ' ').slice(0, 90)}`);
  }
}
const sql = found.filter((f) => f.kind === 'sql');
const inRecords = (f: Found) => f.where.startsWith('runtime/records/');
/** SQL the record engine builds as text: a literal outside the `sql` tag, or an unchecked `query<Row>`. */
const recordsAsText = found.filter((f) => inRecords(f) && (f.kind === 'query<Row>' || !f.tagged));
console.log(
  JSON.stringify({
    sqlLiterals: sql.length,
    sqlLiteralsNamingCoreTables: sql.filter((f) => f.core).length,
    sqlLiteralsInSqlTag: sql.filter((f) => f.tagged).length,
    sqlLiteralsOutsideRecords: sql.filter((f) => !inRecords(f)).length,
    queryRowCalls: found.filter((f) => f.kind === 'query<Row>').length,
    queryRowCallsOutsideRecords: found.filter((f) => f.kind === 'query<Row>' && !inRecords(f)).length,
    recordsSqlAsText: recordsAsText.length,
  }),
);
if (values.check && recordsAsText.length > 0) {
  for (const f of recordsAsText)
    console.error(`${f.where}  ${f.kind}  ${f.text.replace(/\s+/g, ' ').slice(0, 90)}`);
  console.error(
    'The record engine builds its SQL with Kysely (runtime/records/README.md, "Query building").',
  );
  process.exitCode = 1;
}
