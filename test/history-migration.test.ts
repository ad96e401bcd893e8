/**
 * A module upgrade's data migration lands in the record history (the triggers run under the plan's
 * statements): the evolution example's wind code mapped and temperature archived show as updates by
 * write path 'migration' and the upgrading account, and the renamed column keeps being recorded after
 * the upgrade (the derived 003-history.sql re-run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from '../builder/cli/run-cli.test-helpers.ts';
import type { Database } from '../runtime/db/database.ts';
import { installModule } from '../runtime/modules/install.ts';
import { upgradeModule } from '../runtime/modules/upgrade.ts';
import { runtimeEngines } from './helpers/engines.ts';

const S = 'papillons_transects';
const V2_FOLDER = join(REPO_ROOT, 'examples/evolution/papillons_transects/generated');
const TRANSECT = '00000000-0000-4000-8000-0000000000a1';
const WALKS = ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'] as const;
const ADMIN = '00000000-0000-4000-8000-00000000ad01';

const temp = mkdtempSync(join(tmpdir(), 'suivi-history-migration-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let v1Folder: string;
beforeAll(async () => {
  v1Folder = join(temp, 'v1');
  expect((await cli('generate', 'examples/evolution/v1/protocol.json', '--out', v1Folder)).stderr).toBe('');
});

describe.each(runtimeEngines())('the record history of an upgrade on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
  });
  afterAll(async () => db?.close());
  const history = async (id: string) =>
    (
      await db.query<{ operation: string; write_path: string; actor: string | null; changes: unknown }>(
        `SELECT operation, write_path, actor, changes FROM suivi.record_history
          WHERE module_code = $1 AND record_id = $2 ORDER BY id`,
        [S, id],
      )
    ).rows;

  it('records the plan’s data changes as the migration’s, by the upgrading account', async () => {
    await installModule(db, v1Folder);
    await db.query(
      "INSERT INTO suivi.app_user (id, login, display_name) VALUES ($1, 'admin.upgrade', 'Admin')",
      [ADMIN],
    );
    await db.query(
      `INSERT INTO ${S}.transect (id, base_site_name, habitat, length_m) VALUES ($1, 'Prairie', 'prairie', 850)`,
      [TRANSECT],
    );
    await db.query(
      `INSERT INTO ${S}.passage (id, transect_id, visit_date_min, temperature, wind) VALUES
        ($1, $3, '2026-05-12', 21.5, 'CALME'), ($2, $3, '2026-06-03', 6.5, 'MODERE')`,
      [...WALKS, TRANSECT],
    );
    expect(await history(WALKS[1])).toEqual([
      expect.objectContaining({ operation: 'insert', write_path: 'database', actor: null }),
    ]);

    expect((await upgradeModule(db, V2_FOLDER, { actor: ADMIN })).status).toBe('upgraded');
    const [, ...migrated] = await history(WALKS[1]);
    expect(migrated.map((r) => [r.operation, r.write_path, r.actor])).toEqual(
      migrated.map(() => ['update', 'migration', ADMIN]),
    );
    expect(Object.assign({}, ...migrated.map((r) => r.changes))).toMatchObject({
      wind: ['MODERE', 'FAIBLE'],
      temperature: [6.5, null],
    });
    // The unchanged walk has no migration entry.
    expect(await history(WALKS[0])).toHaveLength(1);

    await db.query(`UPDATE ${S}.passage SET cloud_cover_pct = 40 WHERE id = $1`, [WALKS[0]]);
    expect((await history(WALKS[0])).at(-1)).toMatchObject({
      write_path: 'database',
      changes: { cloud_cover_pct: [null, 40] },
    });
  });
});
