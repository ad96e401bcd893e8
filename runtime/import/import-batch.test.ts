/**
 * The batch path (engine/batch-writer.ts): a batch with a row only the database refuses (a CHECK the
 * validation knows nothing of, added for this test) is rolled back and replayed row by row; the other
 * rows go in, the refused one gets the problem the record API gives for the same body. On PGlite and
 * PostgreSQL (the test helper runs batches of 3 rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { isHttpError } from '../http/errors.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { recordOperations } from '../records/operations.ts';
import { openSetUpDatabase } from '../records/records.test-helpers.ts';
import { ACTOR, csvFile, importFile } from './import.test-helpers.ts';
import { jobProblems } from './jobs/job-store.ts';
import type { ImportTemplate } from './template.ts';

const TEMPLATE: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'site',
  provider: 'batch',
  name: 'batch',
  source: { format: 'csv', delimiter: ',', encoding: 'utf-8' },
  levels: {
    site: {
      fields: {
        base_site_name: { column: 'name' },
        roost_type: { constant: 'CAVE' },
        altitude_min: { column: 'alt' },
        geometry: { wkt_column: 'wkt', srid: 4326 },
      },
    },
  },
};

describe.each(runtimeEngines())('batch path on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    // Only the database knows this rule: the batch's INSERT fails, the row path names the row.
    await db.query('ALTER TABLE chiro_gites.site ADD CONSTRAINT batch_test CHECK (altitude_min <> 1234)');
  });
  afterAll(async () => db?.close());

  it('falls back to the row path when the database refuses a row of the batch', async () => {
    const lines = ['name,alt,wkt'];
    for (const [i, alt] of [10, 20, 1234, 40].entries()) lines.push(`batch ${i},${alt},"POINT(2 47)"`);
    lines.push('batch 4,haut,"POINT(2 47)"');
    const job = await importFile(db, modules, TEMPLATE, csvFile(lines));
    expect(job.counts).toMatchObject({ rows_read: 5, inserted: 3, rejected: 2 });

    const ops = recordOperations({ db, modules, actor: ACTOR });
    const refusal = async (alt: unknown) => {
      const body = {
        base_site_name: 'api',
        roost_type: 'CAVE',
        altitude_min: alt,
        geometry: { type: 'Point', coordinates: [2, 47] },
      };
      try {
        const valid = await ops.validate({ module: 'chiro_gites', level: 'site', mode: 'create', body });
        await ops.create({ module: 'chiro_gites', level: 'site', body: valid as object });
      } catch (error) {
        if (isHttpError(error)) return error.details.map((d) => [d.code, d.message]);
        throw error;
      }
      return [];
    };
    const problems = await jobProblems(db, job.jobId);
    const byRow = (row: number) => problems.filter((p) => p.row === row).map((p) => [p.code, p.message.fr]);
    expect(byRow(3)).toEqual(await refusal(1234));
    expect(byRow(3).length).toBe(1);
    expect(byRow(5)).toEqual(await refusal('haut'));
    const stored = await db.query<{ name: string }>(
      `SELECT base_site_name AS name FROM chiro_gites.site WHERE base_site_name LIKE 'batch %' ORDER BY 1`,
    );
    expect(stored.rows.map((r) => r.name)).toEqual(['batch 0', 'batch 1', 'batch 3']);
    const links = await db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM suivi.import_job_record WHERE job_id = $1::uuid',
      [job.jobId],
    );
    expect(links.rows[0]?.n).toBe(3);
  });
});
