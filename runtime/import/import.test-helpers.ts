/**
 * Test support for the import (not used by the runtime): a database with the example modules, files
 * written by the tests (any encoding), jobs run to their end, table contents to compare.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { type Database, qualified } from '../db/database.ts';
import { type AccessScope, UNRESTRICTED } from '../records/access.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { executeJob, type JobResult } from './jobs/execute-job.ts';
import { createJob } from './jobs/job-store.ts';
import type { ImportAtomicity, ImportMode, ImportTemplate } from './template.ts';

export const ACTOR = { userId: USER, organisationId: ORGANISATION };

const dir = mkdtempSync(join(tmpdir(), 'suivi-import-test-'));
let n = 0;

/** A CSV file of `lines` (joined with CRLF) in `encoding`; its path. */
export function csvFile(
  lines: readonly string[],
  encoding: 'utf-8' | 'windows-1252' = 'utf-8',
  bom = false,
): string {
  const path = join(dir, `file-${++n}.csv`);
  const text = `${lines.join('\r\n')}\r\n`;
  writeFileSync(
    path,
    encoding === 'utf-8' ? (bom ? `\uFEFF${text}` : text) : iconv.encode(text, 'windows-1252'),
  );
  return path;
}

export function textFile(text: string, extension: string): string {
  const path = join(dir, `file-${++n}.${extension}`);
  writeFileSync(path, text);
  return path;
}

export async function importFile(
  db: Database,
  modules: ReadonlyMap<string, ModulePlan>,
  template: ImportTemplate,
  path: string,
  options: { mode?: ImportMode; atomicity?: ImportAtomicity; dryRun?: boolean; access?: AccessScope } = {},
): Promise<JobResult & { jobId: string }> {
  const mode = options.mode ?? 'insert';
  const atomicity = options.atomicity ?? 'valid_rows';
  const dryRun = options.dryRun ?? false;
  const jobId = await createJob(db, {
    template,
    fileName: path,
    fileSha256: `sha-${path}`,
    mode,
    atomicity,
    dryRun,
    createdBy: USER,
  });
  const result = await executeJob({
    db,
    modules,
    actor: ACTOR,
    access: options.access ?? UNRESTRICTED,
    jobId,
    template,
    path,
    fileName: path,
    mode,
    atomicity,
    dryRun,
    batchSize: 3,
  });
  return { ...result, jobId };
}

/** Every row of the module's tables and the core tables an import touches, sorted: compared whole. */
export async function moduleRows(db: Database, schema: string): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
    [schema],
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of [
    ...tables.map((t) => ({ name: `${schema}.${t.name}` })),
    { name: 'suivi.deletion_log' },
  ]) {
    const [s, t] = name.split('.') as [string, string];
    const { rows } = await db.query<{ r: string }>(
      `SELECT to_jsonb(x)::text AS r FROM ${qualified(s, t)} x ORDER BY 1`,
    );
    out[name] = rows.map((r) => r.r);
  }
  return out;
}

/** A flat file's template for chiro_gites: site by name (Lambert-93 X/Y), visit by date, observations. */
export const chiroTemplate = (overrides: Partial<ImportTemplate> = {}): ImportTemplate => ({
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'observation',
  provider: 'GMB',
  name: 'Comptages GMB',
  source: { format: 'csv' },
  conventions: { date_format: 'dd/mm/yyyy', decimal_separator: ',', null_values: ['NA'] },
  levels: {
    site: {
      match: { fields: ['base_site_name'] },
      fields: {
        base_site_name: { column: 'Gîte' },
        roost_type: { column: 'Type' },
        geometry: { x_column: 'X', y_column: 'Y', srid: 2154 },
      },
    },
    visit: {
      match: { fields: ['visit_date_min'] },
      fields: {
        visit_date_min: { column: 'Date' },
        season: { column: 'Saison', values: { été: 'summer', hiver: 'winter' } },
        observers: { column: 'Observateurs' },
      },
    },
    observation: {
      fields: {
        cd_nom: { taxon_column: 'Espèce', by: 'auto' },
        count_adults: { column: 'Adultes' },
        sex: { column: 'Sexe', values: { F: '2', M: '3' } },
        comments: { column: 'Remarque' },
      },
    },
  },
  ...overrides,
});
