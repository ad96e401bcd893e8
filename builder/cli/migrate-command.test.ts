/**
 * `suivi migrate plan` and `suivi migrate apply`, called in-process on both engines: the author's loop
 * from the command line (generate v1, install, records, generate v2, plan, apply refused, resolve,
 * apply). What the planner and the upgrade do is tested in generators/migrations and test/migrations.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../runtime/db/open.ts';
import { preparedDataDir, preparedPostgres, runtimeEngines } from '../../test/helpers/engines.ts';
import { miniSpec } from '../../test/migrations/mini-spec.ts';
import { type CliResult, cli, cliWith } from './run-cli.test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-cli-migrate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each(runtimeEngines().map((e) => e.name))('migrate commands on %s', (engine) => {
  let suivi: (...args: string[]) => Promise<CliResult>;
  let where: { dataDir?: string; url?: string };
  let drop = async () => {};
  const dir = join(temp, engine);
  const spec = miniSpec('cli_mig');
  const specFile = relative(process.cwd(), join(dir, 'protocol.json'));
  const out = relative(process.cwd(), join(dir, 'generated'));

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dataDir = join(temp, 'data');
      await preparedDataDir('migrated', dataDir);
      where = { dataDir, url: '' };
      suivi = (...args) => cliWith({}, ...args, '--data-dir', dataDir);
    } else {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('PostgreSQL tests need DATABASE_URL');
      const copy = await preparedPostgres(url, 'migrated');
      drop = copy.drop;
      where = { url: copy.url };
      suivi = (...args) => cliWith({ DATABASE_URL: copy.url }, ...args);
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    writeFileSync(join(dir, 'protocol.json'), JSON.stringify(spec));
    expect((await cli('generate', specFile, '--out', out)).code).toBe(0);
    expect((await suivi('install', out)).stdout).toBe('cli_mig v1: installed\n');
    const db = await openDatabase(where);
    try {
      await db.query(
        "INSERT INTO cli_mig.site (base_site_name, altitude) VALUES ('Low', 120), ('High', 4000)",
      );
    } finally {
      await db.close();
    }
    spec.version = 2;
    spec.levels[0].fields[0].max = 3000;
    writeFileSync(join(dir, 'protocol.json'), JSON.stringify(spec));
    expect((await cli('generate', specFile, '--out', out)).code).toBe(0);
  });
  afterAll(() => drop());

  it('plan prints the steps and their SQL without a database', async () => {
    const result = await cli('migrate', 'plan', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Module cli_mig: version 1 → 2');
    expect(result.stdout).toContain('site.altitude.max  data_dependent');
    expect(result.stdout).toContain(
      'ALTER TABLE cli_mig.site ADD CONSTRAINT altitude__max CHECK (altitude <= 3000) NOT VALID;',
    );
    const json = JSON.parse((await cli('migrate', 'plan', out, '--json')).stdout);
    expect(json.plans[0]).toMatchObject({ module: 'cli_mig', from: 1, to: 2 });
  });

  it('plan dry-runs on a database: the rows that would fail, a sample, exit 1', async () => {
    const result = await suivi('migrate', 'plan', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/site\.altitude\.max {2}data_dependent {2}FAILED, 1 row\(s\) would fail/);
    expect(result.stdout).toMatch(/sample: \[\{"id":"[0-9a-f-]{36}","value":4000\}\]/);
    expect(result.stdout).toContain('Refused: 1 step(s) fail: site.altitude.max. Nothing was changed.');
  });

  it('apply refuses while rows fail, then applies once the author resolves them', async () => {
    const refused = await suivi('migrate', 'apply', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('site.altitude.max: 1 row(s) fail its check');
    writeFileSync(
      join(dir, 'migrations', 'v1-to-v2.json'),
      JSON.stringify({ 'site.altitude.max': { set: 3000 } }),
    );
    expect((await cli('generate', specFile, '--out', out)).code).toBe(0);
    expect((await cli('generate', specFile, '--out', out, '--check')).code).toBe(0);
    const applied = await suivi('migrate', 'apply', out);
    expect(applied.stderr).not.toContain('refused');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Upgraded: cli_mig 1 → 2');
    expect((await suivi('install', out)).stdout).toBe('cli_mig v2: unchanged\n');
  });

  it('generate --check fails when the manifest no longer lists a migration plan on disk', async () => {
    const manifestFile = join(out, 'manifest.json');
    const manifest = readFileSync(manifestFile, 'utf8');
    const { files } = JSON.parse(manifest) as { files: Array<{ path: string }> };
    writeFileSync(
      manifestFile,
      JSON.stringify({
        ...JSON.parse(manifest),
        files: files.filter((f) => !f.path.startsWith('migrations/')),
      }),
    );
    try {
      const result = await cli('generate', specFile, '--out', out, '--check');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/migrations\/0002-v1-to-v2\.json is not in the manifest/);
    } finally {
      writeFileSync(manifestFile, manifest);
    }
    expect((await cli('generate', specFile, '--out', out, '--check')).code).toBe(0);
  });
});
