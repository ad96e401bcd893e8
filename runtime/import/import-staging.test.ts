/**
 * What the import remembers across batches, now in the database (engine/staging.ts) and looked up set-wise
 * (one statement per level and batch, find.ts `findManyByFields`): a site refused in one batch refuses
 * the rows under it in later batches with the same problems (the record API's code and message); a
 * row repeated in a later batch is skipped; existing sites are found by key, two with the same key are
 * `ambiguous_match`, and only those the importer may read are found; an upsert finds its ancestors the
 * same way. On PGlite and PostgreSQL, batches of 3.
 */
import { type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { isHttpError } from '../http/errors.ts';
import type { AccessScope } from '../records/access.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { recordOperations } from '../records/operations.ts';
import { openSetUpDatabase } from '../records/records.test-helpers.ts';
import { ACTOR, chiroTemplate, csvFile, importFile } from './import.test-helpers.ts';
import { jobProblems } from './jobs/job-store.ts';

const HEADER = 'Gîte;Type;X;Y;Date;Saison;Observateurs;Espèce;Adultes;Sexe;Remarque';
const line = (site: string, type: string, taxon: string, adults: number) =>
  `${site};${type};351000;6789000;20/06/2024;été;Alice Martin;${taxon};${adults};F;`;

const sites = async (db: Database, name: string) =>
  Number(
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chiro_gites.site WHERE base_site_name = $1',
        [name],
      )
    ).rows[0]?.n,
  );

describe.each(runtimeEngines())('import staging and set-wise lookups on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    const ops = recordOperations({ db, modules, actor: ACTOR });
    for (let i = 0; i < 2; i++)
      await ops.create({
        module: 'chiro_gites',
        level: 'site',
        body: {
          base_site_name: 'Staging jumeau',
          roost_type: 'CAVE',
          geometry: { type: 'Point', coordinates: [-1.6, 48.1] },
        },
      });
  });
  afterAll(async () => db?.close());

  it('remembers refused and found ancestors and seen rows across batches', async () => {
    const rows = [
      line('Staging A', 'Grotte, cavité naturelle', '60313', 1),
      line('Staging B', 'Pas un type', '60313', 2),
      line('Staging A', 'Grotte, cavité naturelle', '60295', 3),
      // Batch 2: B refused again from memory, row 1 again, the twins.
      line('Staging B', 'Pas un type', '60295', 4),
      line('Staging A', 'Grotte, cavité naturelle', '60313', 1),
      line('Staging jumeau', 'Grotte, cavité naturelle', '60313', 6),
      // Batch 3: A found by key (created in batch 1).
      line('Staging A', 'Grotte, cavité naturelle', '60418', 7),
    ];
    const result = await importFile(db, modules, chiroTemplate(), csvFile([HEADER, ...rows]));
    expect(result.counts).toEqual({ rows_read: 7, inserted: 3, updated: 0, rejected: 3, skipped: 1 });
    expect(await sites(db, 'Staging A')).toBe(1);
    expect(await sites(db, 'Staging B')).toBe(0);
    expect(await sites(db, 'Staging jumeau')).toBe(2);

    const problems = await jobProblems(db, result.jobId);
    expect(problems.map((p) => `${p.row} ${p.level}.${p.field} ${p.code}`)).toEqual([
      '2 site.roost_type choice',
      '4 site.roost_type choice',
      '6 site. ambiguous_match',
    ]);
    // The API's own refusal of the same site, remembered word for word for the later row.
    const ops = recordOperations({ db, modules, actor: ACTOR });
    const refusal = await ops
      .validate({
        module: 'chiro_gites',
        level: 'site',
        mode: 'create',
        body: {
          base_site_name: 'Staging B',
          roost_type: 'Pas un type',
          geometry: { type: 'Point', coordinates: [-1.6, 48.1] },
        },
      })
      .then(
        () => [],
        (error: unknown) => (isHttpError(error) ? error.details.map((d) => [d.path, d.code, d.message]) : []),
      );
    expect(refusal).toEqual([['/roost_type', 'choice', problems[0]?.message.fr]]);
    expect(problems[1]?.message).toEqual(problems[0]?.message);
    expect(problems[2]?.message.fr).toContain('2');

    // The same sites again: found by key, none created; the upsert's row path finds them as well.
    const again = await importFile(db, modules, chiroTemplate(), csvFile([HEADER, rows[6] as string]), {
      mode: 'upsert',
    });
    expect(again.counts).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await sites(db, 'Staging A')).toBe(1);
  });

  it('finds ancestors among the records the importer may read only', async () => {
    const path = csvFile([HEADER, line('Staging caché', 'Grotte, cavité naturelle', '60313', 1)]);
    await importFile(db, modules, chiroTemplate(), path);
    // Another organisation's site now (no organisation): out of an organisation scope.
    await db.query(
      `UPDATE chiro_gites.site SET organisation_id = NULL WHERE base_site_name = 'Staging caché'`,
    );
    const scope: AccessScope = {
      where: ({ alias }) => sql<SqlBool>`${sql.id(alias, 'organisation_id')} = ${ORGANISATION}::uuid`,
    };
    const scoped = await importFile(db, modules, chiroTemplate(), path, { access: scope });
    expect(scoped.counts).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await sites(db, 'Staging caché')).toBe(2);
    // Unrestricted, both are found: the key is ambiguous.
    const open = await importFile(db, modules, chiroTemplate(), path);
    expect(open.counts).toMatchObject({ inserted: 0, rejected: 1 });
    expect((await jobProblems(db, open.jobId)).map((p) => p.code)).toEqual(['ambiguous_match']);
  });

  it('a dry run leaves neither records nor its staging behind, and can run again', async () => {
    const path = csvFile([HEADER, line('Staging sec', 'Grotte, cavité naturelle', '60313', 1)]);
    for (let i = 0; i < 2; i++) {
      const result = await importFile(db, modules, chiroTemplate(), path, { dryRun: true });
      expect(result.counts).toMatchObject({ inserted: 1, rejected: 0 });
    }
    expect(await sites(db, 'Staging sec')).toBe(0);
  });
});
