/**
 * `startSuivi` itself (PGlite data dir, and a PostgreSQL database when DATABASE_URL is set) on a
 * database where one module holds data and its folder has moved on: the server starts, the other module
 * serves, the changed one serves its installed version, and the pending upgrade is reported (start
 * result, the printed line, `GET /api/modules` over HTTP). A folder that cannot be read changes nothing
 * for the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparedDataDir, preparedPostgres } from '../../test/helpers/engines.ts';
import { openDatabase } from '../db/open.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { installModule } from '../modules/install.ts';
import { LIVE_CODE, pondFolder, removeLiveFolders } from '../modules/live-modules.test-helpers.ts';
import { pendingLine } from '../modules/open-modules.ts';
import type { ModuleSummary } from './module-summary.ts';
import { startSuivi } from './start.ts';

const CHIRO = generatedModuleFolders(EXAMPLES_ROOT).find((f) => f.includes('/chiro_gites/'))!;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  removeLiveFolders();
});

const targets = [
  { name: 'pglite', url: undefined as string | undefined },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', url: process.env.DATABASE_URL }] : []),
];

describe.each(targets)('startSuivi with a pending upgrade on $name', ({ url }) => {
  it('starts, serves the installed version of the changed module and the others, and reports it', async () => {
    // openDatabase and startSuivi take DATABASE_URL from the environment: the PGlite run goes without it.
    const saved = process.env.DATABASE_URL;
    if (!url) delete process.env.DATABASE_URL;
    const dataDir = mkdtempSync(join(tmpdir(), 'suivi-start-pending-'));
    dirs.push(dataDir);
    let scratch: Awaited<ReturnType<typeof preparedPostgres>> | undefined;
    try {
      scratch = url ? await preparedPostgres(url, 'demo') : undefined;
      if (!scratch) await preparedDataDir('demo', dataDir);
      const where = scratch ? { url: scratch.url } : { dataDir };
      const v1 = await pondFolder(1);
      const v2 = await pondFolder(2, { planned: true });
      const db = await openDatabase(where);
      try {
        await installModule(db, v1);
        await db.query(`INSERT INTO ${LIVE_CODE}.site (site_name) VALUES ('Mare existante')`);
      } finally {
        await db.close();
      }

      const started = await startSuivi({
        ...(scratch ? { databaseUrl: scratch.url } : { dataDir }),
        port: 0,
        hostname: '127.0.0.1',
        moduleFolders: [v2, CHIRO, join(dataDir, 'no-such-module', 'generated')],
        demo: false,
      });
      try {
        expect(started.modules.map((m) => [m.code, m.version])).toEqual([
          [LIVE_CODE, 1],
          ['chiro_gites', 1],
        ]);
        expect(started.pending.map((p) => [p.code, p.kind, p.serving])).toEqual([
          [LIVE_CODE, 'upgrade', true],
          ['no-such-module', 'failed', false],
        ]);
        expect(pendingLine(started.pending[0]!)).toMatch(
          /^module live_ponds \(installed v1, folder v2\): upgrade pending, serving the installed version — upgrade plan: 5 step\(s\)\./,
        );
        const { modules } = (await (await fetch(`${started.url}/api/modules`)).json()) as {
          modules: ModuleSummary[];
        };
        expect(modules.map((m) => [m.code, m.version, m.pendingUpgrade?.folderVersion ?? null])).toEqual([
          ['chiro_gites', 1, null],
          [LIVE_CODE, 1, 2],
        ]);
        const count = await started.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${LIVE_CODE}.site`,
        );
        expect(count.rows).toEqual([{ n: 1 }]);
      } finally {
        await started.close();
      }
    } finally {
      await scratch?.drop();
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  }, 120_000);
});
