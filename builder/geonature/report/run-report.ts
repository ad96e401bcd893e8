/**
 * `import-gn --report`: every protocol folder inside a folder, converted, then validated, generated, its
 * SQL applied on PGlite and its forms rendered. A protocol is ok when it converts with no validation
 * error, generates, applies and renders. A step whose generator is not available yet is skipped (and
 * said so), not failed.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compileProtocol, type ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { readProtocolFolder } from '../folder-io.ts';
import { importGeoNatureFolder } from '../import/import-protocol.ts';
import { renderForms } from './render-forms.ts';
import { openSqlChecker, type SqlChecker } from './sql-check.ts';

export interface ReportRow {
  readonly protocol: string;
  readonly levels: number;
  readonly fields: number;
  readonly rules: {
    readonly translated: number;
    readonly total: number;
    readonly builtIn: number;
    readonly sourceBugs: number;
  };
  readonly warnings: number;
  readonly errors: number;
  readonly ok: boolean;
  readonly result: string;
}

type GenerateModule = (
  p: ResolvedProtocol,
  c: { specPath: string },
) => Promise<Array<{ path: string; contents: string }>>;

export interface Report {
  readonly rows: readonly ReportRow[];
  /** Steps that could not run at all (a generator missing), said once. */
  readonly skipped: readonly string[];
}

export async function runReport(folder: string, progress?: (row: ReportRow) => void): Promise<Report> {
  const entries = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const skipped: string[] = [];
  const generate = await load<GenerateModule>(
    () => import('../../../generators/module.ts'),
    'generateModule',
    skipped,
    'generation',
  );
  let sql: SqlChecker | undefined;
  if (generate)
    sql = await openSqlChecker().catch((e: Error) => void skipped.push(`SQL check (${e.message})`));
  const rows: ReportRow[] = [];
  try {
    for (const name of entries) {
      const row = await checkProtocol(join(folder, name), name, generate, sql);
      rows.push(row);
      progress?.(row);
    }
  } finally {
    await sql?.close();
  }
  return { rows, skipped };
}

async function load<T>(
  importer: () => Promise<unknown>,
  name: string,
  skipped: string[],
  step: string,
): Promise<T | undefined> {
  try {
    const module = (await importer()) as Record<string, unknown>;
    if (typeof module[name] === 'function') return module[name] as T;
    skipped.push(`${step} (${name} is missing)`);
  } catch (e) {
    skipped.push(`${step} (${(e as Error).message.split('\n')[0]})`);
  }
  return undefined;
}

async function checkProtocol(
  path: string,
  name: string,
  generate: GenerateModule | undefined,
  sql: SqlChecker | undefined,
): Promise<ReportRow> {
  const { spec, report } = importGeoNatureFolder(await readProtocolFolder(path), name);
  const compiled = compileProtocol(spec);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
  const base = {
    protocol: name,
    levels: spec.levels.length,
    fields: compiled.ok ? compiled.protocol.levels.reduce((n, l) => n + l.fields.length, 0) : 0,
    rules: {
      translated: report.rules.translated,
      total: report.rules.total,
      builtIn: report.rules.builtIn,
      sourceBugs: report.rules.sourceBugs,
    },
    warnings: report.warnings.length,
    errors,
  };
  const fail = (result: string): ReportRow => ({ ...base, ok: false, result });
  if (!compiled.ok)
    return fail(`invalid: ${compiled.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}`);
  if (!generate) return { ...base, ok: true, result: 'ok (validated only)' };
  let files: Array<{ path: string; contents: string }>;
  try {
    files = await generate(compiled.protocol, { specPath: `${name}/protocol.json` });
  } catch (e) {
    return fail(`generate: ${(e as Error).message.split('\n')[0]}`);
  }
  const sqlProblem = sql ? await sql.check(files) : undefined;
  if (sqlProblem) return fail(`sql: ${sqlProblem.split('\n')[0]}`);
  const formProblems = renderForms(files);
  if (formProblems.length > 0) return fail(`forms: ${formProblems[0]}`);
  return { ...base, ok: true, result: sql ? 'ok' : 'ok (SQL not applied)' };
}

/** The table, then one totals line: `protocols: K/N ok, rules: T/R translated (…), B source bug(s) found`. */
export function formatReport(report: Report): string {
  const header = ['protocol', 'levels', 'fields', 'rules', 'warnings', 'errors', 'result'];
  const cells = report.rows.map((r) => [
    r.protocol,
    String(r.levels),
    String(r.fields),
    `${r.rules.translated}/${r.rules.total}`,
    String(r.warnings),
    String(r.errors),
    r.result,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const ok = report.rows.filter((r) => r.ok).length;
  const translated = report.rows.reduce((n, r) => n + r.rules.translated, 0);
  const total = report.rows.reduce((n, r) => n + r.rules.total, 0);
  const builtIn = report.rows.reduce((n, r) => n + r.rules.builtIn, 0);
  const bugs = report.rows.reduce((n, r) => n + r.rules.sourceBugs, 0);
  return [
    line(header),
    ...cells.map(line),
    ...report.skipped.map((s) => `skipped: ${s}`),
    // Built-in rules count as translated (Suivi does what they did without a rule); the line says how many.
    `protocols: ${ok}/${report.rows.length} ok, rules: ${translated}/${total} translated (${builtIn} built into Suivi, ${total - translated} need a human), ${bugs} source bug(s) found`,
  ].join('\n');
}
