/**
 * Property: for random rows, valid and invalid, the import accepts exactly the rows the record API
 * accepts (the same bodies POSTed through the operations), and stores the same values. chiro_gites
 * sites, on PGlite and PostgreSQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { isHttpError } from '../http/errors.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { type RecordOperations, recordOperations } from '../records/operations.ts';
import { openSetUpDatabase } from '../records/records.test-helpers.ts';
import { ACTOR, csvFile, importFile } from './import.test-helpers.ts';
import { jobProblems } from './jobs/job-store.ts';
import type { ImportTemplate } from './template.ts';

const TEMPLATE: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'site',
  provider: 'prop',
  name: 'prop',
  source: { format: 'csv', delimiter: ',', encoding: 'utf-8' },
  levels: {
    site: {
      fields: {
        base_site_name: { column: 'name' },
        roost_type: { column: 'type' },
        altitude_min: { column: 'alt' },
        municipality_code: { column: 'insee' },
        geometry: { wkt_column: 'wkt', srid: 4326 },
      },
    },
  },
};

interface Row {
  readonly type: string;
  readonly alt: number | string | null;
  readonly insee: string | null;
  readonly lon: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  type: fc.constantFrom('CAVE', 'BRIDGE', 'TREE', 'NOPE', ''),
  alt: fc.oneof(fc.integer({ min: -500, max: 6000 }), fc.constantFrom('haut', null)),
  insee: fc.oneof(fc.stringMatching(/^[0-9AB]{0,7}$/), fc.constant(null)),
  lon: fc.oneof(fc.double({ min: -5, max: 8, noNaN: true }), fc.constant(200)),
});

describe.each(runtimeEngines())('import ≡ record API on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;
  let ops: RecordOperations;
  let run = 0;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    ops = recordOperations({ db, modules, actor: ACTOR });
  });
  afterAll(async () => db?.close());

  const stored = async (name: string) =>
    (
      await db.query<{ v: string }>(
        `SELECT json_build_array(roost_type, altitude_min, municipality_code, round(ST_X(geom)::numeric, 6))::text AS v
           FROM chiro_gites.site WHERE base_site_name = $1`,
        [name],
      )
    ).rows.map((r) => r.v);

  it('accepts the same rows and stores the same values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 6 }), async (rows) => {
        run++;
        const names = rows.map((_, i) => `prop ${run} ${i}`);
        const lines = ['name,type,alt,insee,wkt'];
        for (const [i, r] of rows.entries())
          lines.push([names[i], r.type, r.alt ?? '', r.insee ?? '', `"POINT(${r.lon} 47)"`].join(','));
        const job = await importFile(db, modules, TEMPLATE, csvFile(lines));
        const refused = new Set((await jobProblems(db, job.jobId)).map((p) => p.row - 1));
        for (const [i, r] of rows.entries()) {
          const body: Record<string, unknown> = {
            base_site_name: `api ${names[i]}`,
            geometry: { type: 'Point', coordinates: [r.lon, 47] },
            ...(r.type === '' ? {} : { roost_type: r.type }),
            ...(r.alt === null ? {} : { altitude_min: r.alt }),
            ...(r.insee === null || r.insee === '' ? {} : { municipality_code: r.insee }),
          };
          let accepted = true;
          try {
            const valid = await ops.validate({ module: 'chiro_gites', level: 'site', mode: 'create', body });
            await ops.create({ module: 'chiro_gites', level: 'site', body: valid as object });
          } catch (error) {
            if (!isHttpError(error)) throw error;
            accepted = false;
          }
          expect(!refused.has(i), `row ${i}: ${JSON.stringify(r)}`).toBe(accepted);
          expect(await stored(names[i] as string)).toEqual(await stored(`api ${names[i]}`));
        }
      }),
      { numRuns: 12 },
    );
  });
});
