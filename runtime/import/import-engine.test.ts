/**
 * The import engine on a messy provider file the test writes (Windows-1252, semicolons, French dates,
 * Lambert-93 coordinates, vocabulary labels instead of codes, a provider's own codes, unknown taxa, a
 * duplicated row, a blank row, a row with too many cells): a flat file filling chiro_gites' sites,
 * visits and observations, on PGlite and PostgreSQL. Then dry run, all-or-nothing, upsert, replace and
 * rollback, each compared with the tables' contents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { openSetUpDatabase } from '../records/records.test-helpers.ts';
import { csvFile, importFile, moduleRows, chiroTemplate as template } from './import.test-helpers.ts';
import { getJob, jobProblems } from './jobs/job-store.ts';
import { rollbackImportJob } from './jobs/rollback.ts';

const HEADER = 'Gîte;Type;X;Y;Date;Saison;Observateurs;Espèce;Adultes;Sexe;Remarque';
const ROWS = [
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin, Paul Nouveau;Rhinolophus ferrumequinum (Schreber, 1774);12;F;Colonie',
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin, Paul Nouveau;Myotis myotis;3;M;',
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin, Paul Nouveau;Myotis myotis;3;M;',
  ';;;;;;;;;;',
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin;Batus inventus;2;F;',
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin;Barbastelle;-5;F;',
  'Pont de Vitré;Pont, viaduc;351000;6789000;20/06/2024;été;Alice Martin;Myotis myotis;1;F;;trop',
  'Grotte du Diable;Grotte, cavité naturelle;352500,5;6790100,25;15/01/2024;hiver;Jean Dupont;60313;4;;Hibernation',
];

const count = async (db: Database, table: string) =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chiro_gites.${table}`)).rows[0]?.n);

describe.each(runtimeEngines())('import engine on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    await db.query(`UPDATE ref.taxon SET lb_auteur = '(Schreber, 1774)' WHERE cd_nom = 60295`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports a messy flat file: parents by key, rows deduplicated, problems per row', async () => {
    const before = {
      site: await count(db, 'site'),
      visit: await count(db, 'visit'),
      obs: await count(db, 'observation'),
    };
    const path = csvFile([HEADER, ...ROWS], 'windows-1252');
    const result = await importFile(db, modules, template(), path);
    expect(result.status).toBe('done');
    expect(result.counts).toEqual({ rows_read: 8, inserted: 3, updated: 0, rejected: 3, skipped: 2 });
    expect(result.unmatchedTaxa).toEqual(['Batus inventus']);
    expect(await count(db, 'site')).toBe(before.site + 2);
    expect(await count(db, 'visit')).toBe(before.visit + 2);
    expect(await count(db, 'observation')).toBe(before.obs + 3);

    const problems = await jobProblems(db, result.jobId);
    expect(problems.map((p) => `${p.row} ${p.level}.${p.field} ${p.code}`)).toEqual([
      '5 observation.cd_nom taxon_not_found',
      '6 observation.count_adults min',
      '7 observation. column_count',
    ]);
    const min = problems[1];
    expect(min?.column).toBe('Adultes');
    expect(min?.message.fr).toContain('au moins 0');
    expect(min?.message.en).toContain('minimum');
    expect(min?.cells.Espèce).toBe('Barbastelle');

    const { rows: sites } = await db.query<{ name: string; roost_type: string; x: number; y: number }>(
      `SELECT base_site_name AS name, roost_type, ST_X(geom) AS x, ST_Y(geom) AS y FROM chiro_gites.site
        WHERE base_site_name IN ('Pont de Vitré', 'Grotte du Diable') ORDER BY 1`,
    );
    expect(sites.map((s) => [s.name, s.roost_type])).toEqual([
      ['Grotte du Diable', 'CAVE'],
      ['Pont de Vitré', 'BRIDGE'],
    ]);
    // Lambert-93 (351000, 6789000) is in Brittany, near Rennes.
    expect(sites[1]?.x).toBeGreaterThan(-2);
    expect(sites[1]?.x).toBeLessThan(-1);
    expect(sites[1]?.y).toBeGreaterThan(47.5);
    expect(sites[1]?.y).toBeLessThan(48.5);

    const { rows: visits } = await db.query<{ d: string; season: string; observers: string }>(
      `SELECT to_char(v.visit_date_min, 'YYYY-MM-DD') AS d, v.season,
              string_agg(coalesce(o.user_id::text, o.name), '|' ORDER BY o.position) AS observers
         FROM chiro_gites.visit v JOIN chiro_gites.visit__observers o ON o.record_id = v.id
         JOIN chiro_gites.site s ON s.id = v.site_id
        WHERE s.base_site_name IN ('Pont de Vitré', 'Grotte du Diable') GROUP BY v.id ORDER BY 1`,
    );
    expect(visits).toEqual([
      { d: '2024-01-15', season: 'winter', observers: 'Jean Dupont' },
      {
        d: '2024-06-20',
        season: 'summer',
        observers: `${(await db.query<{ id: string }>(`SELECT id::text AS id FROM suivi.app_user WHERE login = 'alice'`)).rows[0]?.id}|Paul Nouveau`,
      },
    ]);
    const { rows: obs } = await db.query<{ cd_nom: number; n: number; sex: string | null }>(
      `SELECT o.cd_nom, o.count_adults AS n, o.sex FROM chiro_gites.observation o
         JOIN chiro_gites.visit v ON v.id = o.visit_id JOIN chiro_gites.site s ON s.id = v.site_id
        WHERE s.base_site_name IN ('Pont de Vitré', 'Grotte du Diable') ORDER BY o.cd_nom`,
    );
    expect(obs).toEqual([
      { cd_nom: 60295, n: 12, sex: '2' },
      { cd_nom: 60313, n: 4, sex: '6' },
      { cd_nom: 60418, n: 3, sex: '3' },
    ]);
    const job = await getJob(db, result.jobId);
    expect(job?.status).toBe('done');
  });

  it('a dry run reports everything and changes nothing', async () => {
    const before = await moduleRows(db, 'chiro_gites');
    const path = csvFile(
      [HEADER, ...ROWS.map((r) => r.replace('Pont de Vitré', 'Pont sec'))],
      'windows-1252',
    );
    const result = await importFile(db, modules, template(), path, { dryRun: true });
    expect(result.status).toBe('done');
    expect(result.counts).toEqual({ rows_read: 8, inserted: 3, updated: 0, rejected: 3, skipped: 2 });
    expect(await moduleRows(db, 'chiro_gites')).toEqual(before);
  });

  it('all_or_nothing with a refused row leaves nothing', async () => {
    const before = await moduleRows(db, 'chiro_gites');
    const path = csvFile(
      [HEADER, ...ROWS.map((r) => r.replace('Pont de Vitré', 'Pont tout'))],
      'windows-1252',
    );
    const result = await importFile(db, modules, template(), path, { atomicity: 'all_or_nothing' });
    expect(result.status).toBe('failed');
    expect(result.counts?.rejected).toBe(3);
    expect(await moduleRows(db, 'chiro_gites')).toEqual(before);
    expect((await getJob(db, result.jobId))?.error).toContain('all-or-nothing');
  });

  it('upsert updates the records its key finds; rollback puts them back', async () => {
    const t = template({
      level: 'site',
      name: 'Gîtes',
      levels: {
        site: {
          match: { fields: ['base_site_name'] },
          fields: {
            base_site_name: { column: 'Nom' },
            roost_type: { column: 'Type' },
            geometry: { wkt_column: 'WKT', srid: 4326 },
            municipality_code: { column: 'Commune' },
          },
        },
      },
    });
    const first = await importFile(
      db,
      modules,
      t,
      csvFile([
        'Nom,Type,WKT,Commune',
        'Pont A,BRIDGE,POINT(-1.5 48),35001',
        'Pont B,"pont, VIADUC",POINT(-1.6 48),35002',
      ]),
    );
    expect(first.counts).toEqual({ rows_read: 2, inserted: 2, updated: 0, rejected: 0, skipped: 0 });
    const before = await moduleRows(db, 'chiro_gites');
    const second = await importFile(
      db,
      modules,
      t,
      csvFile([
        'Nom,Type,WKT,Commune',
        'Pont A,BRIDGE,POINT(-1.5 48),35999',
        'Pont C,TUNNEL,POINT(-1.7 48),35003',
        'Pont D,TUNNEL,POINT(bad),35004',
      ]),
      { mode: 'upsert' },
    );
    expect(second.counts).toEqual({ rows_read: 3, inserted: 1, updated: 1, rejected: 1, skipped: 0 });
    const { rows } = await db.query<{ c: string; v: number }>(
      `SELECT municipality_code AS c, row_version AS v FROM chiro_gites.site WHERE base_site_name = 'Pont A'`,
    );
    expect(rows).toEqual([{ c: '35999', v: 2 }]);
    const rolled = await rollbackImportJob(db, modules, second.jobId);
    expect(rolled.status).toBe('rolled_back');
    expect(await moduleRows(db, 'chiro_gites')).toEqual(before);
    await expect(rollbackImportJob(db, modules, second.jobId)).rejects.toMatchObject({ status: 409 });
  });

  it('refuses to roll back a job whose record was changed since', async () => {
    const t = template({
      level: 'site',
      name: 'Gîtes 2',
      levels: {
        site: {
          fields: {
            base_site_name: { column: 'Nom' },
            roost_type: { constant: 'CAVE' },
            geometry: { wkt_column: 'WKT', srid: 4326 },
          },
        },
      },
    });
    const job = await importFile(db, modules, t, csvFile(['Nom,WKT', 'Grotte X,POINT(-1 47)']));
    expect(job.counts?.inserted).toBe(1);
    await db.query(
      `UPDATE chiro_gites.site SET row_version = row_version + 1 WHERE base_site_name = 'Grotte X'`,
    );
    const before = await moduleRows(db, 'chiro_gites');
    await expect(rollbackImportJob(db, modules, job.jobId)).rejects.toMatchObject({
      status: 409,
      code: 'changed_since_import',
    });
    expect(await moduleRows(db, 'chiro_gites')).toEqual(before);
  });

  it('replace deletes the provider’s earlier batch of the template, and a rollback brings it back', async () => {
    const t = template({
      level: 'site',
      provider: 'Asso',
      name: 'Gîtes remplacés',
      levels: {
        site: {
          fields: {
            base_site_name: { column: 'Nom' },
            roost_type: { constant: 'MINE' },
            geometry: { wkt_column: 'WKT', srid: 4326 },
          },
        },
      },
    });
    await importFile(db, modules, t, csvFile(['Nom,WKT', 'Mine 1,POINT(-1 47)', 'Mine 2,POINT(-1 47.1)']));
    const before = await moduleRows(db, 'chiro_gites');
    const replaced = await importFile(db, modules, t, csvFile(['Nom,WKT', 'Mine 3,POINT(-1 47.2)']), {
      mode: 'replace',
    });
    expect(replaced.counts?.inserted).toBe(1);
    const { rows } = await db.query<{ n: string }>(
      `SELECT base_site_name AS n FROM chiro_gites.site WHERE roost_type = 'MINE' ORDER BY 1`,
    );
    expect(rows.map((r) => r.n)).toEqual(['Mine 3']);
    await rollbackImportJob(db, modules, replaced.jobId);
    expect(await moduleRows(db, 'chiro_gites')).toEqual(before);
  });
});
