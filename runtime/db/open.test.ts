/**
 * A new PGlite data dir: created (and kept as this machine's template) when no template is cached,
 * restored from the template when one is. The template folder is a fresh TMPDIR, so the test neither
 * depends on nor disturbs the cache other tests share.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { pgliteTemplateFile } from './pglite-template.ts';

describe('openDatabase on a new PGlite data dir', () => {
  const previousTmp = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'suivi-open-'));
  process.env.TMPDIR = join(root, 'tmp');
  afterAll(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(root, { recursive: true, force: true });
  });

  const postgisVersion = async (dataDir: string) => {
    const db = await openDatabase({ dataDir, url: '' });
    try {
      return (await db.query<{ v: string }>('SELECT postgis_lib_version() AS v')).rows[0]?.v;
    } finally {
      await db.close();
    }
  };

  it('creates the first one with PostGIS and keeps it as the template, then restores the next from it', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'tmp'));
    expect(existsSync(pgliteTemplateFile())).toBe(false);
    const created = await postgisVersion(join(root, 'first'));
    expect(created).toMatch(/^3\./);
    expect(pgliteTemplateFile().startsWith(join(root, 'tmp'))).toBe(true);
    expect(existsSync(pgliteTemplateFile())).toBe(true);

    const started = performance.now();
    expect(await postgisVersion(join(root, 'second'))).toBe(created);
    const restoreSeconds = (performance.now() - started) / 1000;
    console.log(`open.test: a data dir restored from the template opened in ${restoreSeconds.toFixed(1)} s`);
    // Reopening an existing data dir (no restore: PGlite refuses to load a tarball over a database) is
    // npm start's restart in runtime/server/start.test.ts.
  }, 120_000);
});
