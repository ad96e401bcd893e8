/**
 * `suivi sinp-check`, in-process, on both engines: a database with chiro_gites and its demo records
 * conforms (exit 0, a summary); once an occurrence loses its observers, the command names the row, the
 * field and why, in the language asked, and exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../runtime/db/migrate.ts';
import { openDatabase } from '../../runtime/db/open.ts';
import { seedDemoRecords } from '../../runtime/demo/demo-records.ts';
import { seedDemo } from '../../runtime/demo/seed.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { loadModules } from '../../runtime/modules/load.ts';
import { runtimeEngines, scratchDatabase } from '../../test/helpers/engines.ts';
import { type CliResult, cliWith } from './run-cli.test-helpers.ts';

const FOLDER = 'examples/chiro_gites/generated';
const temp = mkdtempSync(join(tmpdir(), 'suivi-cli-sinp-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each(runtimeEngines().map((e) => e.name))('suivi sinp-check on %s', (engine) => {
  let suivi: (...args: string[]) => Promise<CliResult>;
  let where: { dataDir: string; url: string };
  let drop = async () => {};

  beforeAll(async () => {
    const dataDir = join(temp, engine);
    if (engine === 'pglite') {
      where = { dataDir, url: '' };
      suivi = (...args) => cliWith({}, ...args, '--data-dir', dataDir);
    } else {
      const scratch = await scratchDatabase(process.env.DATABASE_URL ?? '');
      drop = scratch.drop;
      where = { dataDir, url: scratch.url };
      suivi = (...args) => cliWith({ DATABASE_URL: scratch.url }, ...args);
    }
    const db = await openDatabase(where);
    try {
      await migrate(db);
      await installModule(db, FOLDER);
      const modules = await loadModules(db, [FOLDER]);
      await seedDemo(db, modules);
      await seedDemoRecords(db, modules);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => drop());

  it('says the rows conform, then names the row missing its observers and why', async () => {
    const clean = await suivi('sinp-check', FOLDER);
    expect(clean.stdout, clean.stderr).toMatch(/^chiro_gites: (\d+)\/\1 rows conform, 0 problem\(s\)\n$/);
    expect(clean.code).toBe(0);
    const db = await openDatabase(where);
    let id = '';
    try {
      const { rows } = await db.query<{ id: string; visit_id: string }>(
        'SELECT s.id_sinp_occtax::text AS id, o.visit_id::text FROM chiro_gites.v_occurrence_sinp s JOIN chiro_gites.observation o ON o.id = s.id_sinp_occtax ORDER BY 1 LIMIT 1',
      );
      id = rows[0]?.id ?? '';
      await db.query('DELETE FROM chiro_gites.visit__observers WHERE record_id = $1::uuid', [
        rows[0]?.visit_id,
      ]);
    } finally {
      await db.close();
    }
    const fr = await suivi('sinp-check', FOLDER, '--lang', 'fr');
    expect(fr.code).toBe(1);
    expect(fr.stdout).toContain(`${id} observateur missing: champ obligatoire vide\n`);
    expect(fr.stdout).toMatch(/lignes conformes, [1-9]\d* problème\(s\)/);
    const json = JSON.parse((await suivi('sinp-check', FOLDER, '--json')).stdout);
    expect(json.problems).toContainEqual({
      id,
      field: 'observateur',
      code: 'missing',
      reason: { fr: 'champ obligatoire vide', en: 'mandatory field is empty' },
    });
  });
});
