/**
 * Import bench: a flat CSV of observations of chiro_gites (each row with its site's and visit's columns;
 * sites and visits found or created by key), imported by the engine (runtime/import) on PostgreSQL,
 * and, in the same run, the same file raw-COPYed into an unconstrained table. Prints both rows/s, the
 * ratio (target ≥ 0.5×) and the peak RSS (target < 500 MB, process.resourceUsage().maxRSS).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import   # database suivi_bench_import
 *   BENCH_IMPORT_ROWS=20000 …                                                      # fewer rows (default 1 000 000)
 *
 * A fresh database `suivi_bench_import` (PostGIS) is created and dropped at the end unless KEEP=1.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { migrate } from '../runtime/db/migrate.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { executeJob } from '../runtime/import/jobs/execute-job.ts';
import { createJob } from '../runtime/import/jobs/job-store.ts';
import type { ImportTemplate } from '../runtime/import/template.ts';
import { EXAMPLES_ROOT } from '../runtime/modules/folders.ts';
import { installModule } from '../runtime/modules/install.ts';
import { UNRESTRICTED } from '../runtime/records/access.ts';
import { loadModulePlan } from '../runtime/records/model/load-module.ts';
import { ORGANISATION, USER } from '../test/db/module-fixture.ts';
import { seedReference } from '../test/db/seed.ts';
import { profiled } from './query-profile.ts';

const DATABASE = process.env.BENCH_IMPORT_DATABASE ?? 'suivi_bench_import';
const FOLDER = join(EXAMPLES_ROOT, 'chiro_gites', 'generated');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench:import needs DATABASE_URL (PostgreSQL): DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import',
  );
  process.exit(2);
}
const TAXA = [60295, 60313, 60418, 60400, 60345];
const HEADER = 'site;x;y;date;season;observer;taxon;adults';

/** One row: 20 observations per visit, 5 visits per site; Lambert-93 coordinates around Rennes. */
function row(i: number): string {
  const visit = Math.floor(i / 20);
  const site = Math.floor(visit / 5);
  const day = 1 + (visit % 5) * 5;
  return [
    `Gîte ${site}`,
    String(340000 + (site % 500) * 100),
    String(6780000 + Math.floor(site / 500) * 100),
    `${String(day).padStart(2, '0')}/06/2024`,
    'summer',
    'Alice Martin',
    String(TAXA[i % TAXA.length]),
    String(i % 50),
  ].join(';');
}

const TEMPLATE: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'observation',
  provider: 'bench',
  name: 'bench',
  source: { format: 'csv', delimiter: ';', encoding: 'utf-8' },
  conventions: { date_format: 'dd/mm/yyyy' },
  levels: {
    site: {
      match: { fields: ['base_site_name'] },
      fields: {
        base_site_name: { column: 'site' },
        roost_type: { constant: 'BRIDGE' },
        geometry: { x_column: 'x', y_column: 'y', srid: 2154 },
      },
    },
    visit: {
      match: { fields: ['visit_date_min'] },
      fields: {
        visit_date_min: { column: 'date' },
        season: { column: 'season' },
        observers: { column: 'observer' },
      },
    },
    observation: {
      fields: { cd_nom: { taxon_column: 'taxon', by: 'cd_nom' }, count_adults: { column: 'adults' } },
    },
  },
};

async function main() {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const target = new URL(url as string);
  target.pathname = `/${DATABASE}`;
  const db = await openPostgres(target.toString());
  const dir = mkdtempSync(join(tmpdir(), 'suivi-bench-import-'));
  try {
    await migrate(db);
    await installModule(db, FOLDER);
    const plan = await loadModulePlan(FOLDER);
    await seedReference(db, [plan.protocol]);
    const file = join(dir, 'observations.csv');
    const out = createWriteStream(file);
    out.write(`${HEADER}\n`);
    for (let i = 0; i < ROWS; i++)
      if (!out.write(`${row(i)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    console.log(
      `${ROWS} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB, ${ROWS / 100} sites, ${ROWS / 20} visits`,
    );

    // Raw COPY of the same file into an unconstrained table: the ceiling.
    const raw = new pg.Client({ connectionString: target.toString() });
    await raw.connect();
    await raw.query(
      `CREATE UNLOGGED TABLE raw_copy (site text, x text, y text, date text, season text, observer text, taxon text, adults text)`,
    );
    let t = performance.now();
    await pipeline(
      createReadStream(file),
      raw.query(copyStreams.from(`COPY raw_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)),
    );
    const copySeconds = (performance.now() - t) / 1000;
    await raw.end();

    const jobId = await createJob(db, {
      template: TEMPLATE,
      fileName: 'observations.csv',
      fileSha256: 'bench',
      mode: 'insert',
      atomicity: 'valid_rows',
      dryRun: false,
      createdBy: USER,
    });
    let last = 0;
    const rssBefore = process.memoryUsage().rss / 1e6;
    t = performance.now();
    const profile = process.env.BENCH_IMPORT_PROFILE === '1' ? profiled(db) : undefined;
    const result = await executeJob({
      db: profile?.db ?? db,
      modules: new Map([['chiro_gites', plan]]),
      actor: { userId: USER, organisationId: ORGANISATION },
      access: UNRESTRICTED,
      jobId,
      template: TEMPLATE,
      path: file,
      fileName: 'observations.csv',
      mode: 'insert',
      atomicity: 'valid_rows',
      dryRun: false,
      onProgress: (n) => {
        if (n - last >= Math.max(500, Math.min(10_000, ROWS / 10))) {
          last = n;
          const s = (performance.now() - t) / 1000;
          const { rss, heapUsed } = process.memoryUsage();
          console.log(
            `  ${n} rows, ${(n / s).toFixed(0)} rows/s, RSS ${(rss / 1e6).toFixed(0)} MB, heap ${(heapUsed / 1e6).toFixed(0)} MB`,
          );
        }
      },
    });
    const importSeconds = (performance.now() - t) / 1000;
    const copyRate = ROWS / copySeconds;
    const importRate = ROWS / importSeconds;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    if (profile) console.log(`statements by total time:\n${profile.report(25)}`);
    console.log(`import: ${result.status}, ${JSON.stringify(result.counts)}`);
    console.log(`raw COPY:  ${copyRate.toFixed(0)} rows/s (${copySeconds.toFixed(1)} s)`);
    console.log(`import:    ${importRate.toFixed(0)} rows/s (${importSeconds.toFixed(1)} s)`);
    console.log(
      `ratio:     ${(importRate / copyRate).toFixed(4)}× (target ≥ 0.5×: ${importRate / copyRate >= 0.5 ? 'met' : 'MISSED'})`,
    );
    console.log(
      `peak RSS:  ${rssMb.toFixed(0)} MB (target < 500 MB: ${rssMb < 500 ? 'met' : 'MISSED'}; ${rssBefore.toFixed(0)} MB before the import)`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.KEEP === '1') console.log(`KEEP=1: database ${DATABASE} kept.`);
    else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
