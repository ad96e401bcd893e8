/**
 * `suivi diff` as a user runs it, in-process: two specs, a generated folder and a spec, an installed
 * module read from the database (PGlite data dir and PostgreSQL), human and JSON output, exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolDiff } from '../../protocol-specs/index.ts';
import { coreDb } from '../../runtime/db/core-database.ts';
import { openDatabase } from '../../runtime/db/open.ts';
import { preparedDataDir, preparedPostgres, runtimeEngines } from '../../test/helpers/engines.ts';
import { FAIL_ON_CLASSES } from './diff-command.ts';
import { FAIL_ON_CLASSES as TABLE_FAIL_ON } from './program.mjs';
import { type CliResult, cli, cliWith } from './run-cli.test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-diff-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const CHIRO = 'examples/chiro_gites/protocol.json';
const CHIRO_GENERATED = 'examples/chiro_gites/generated';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit the authored spec as plain JSON.
type Spec = Record<string, any>;

/** Writes an edited copy of the chiro_gites spec and returns its path. */
function chiroEdited(name: string, edit: (spec: Spec) => void): string {
  const spec = JSON.parse(readFileSync(CHIRO, 'utf8')) as Spec;
  edit(spec);
  const file = join(temp, `${name}.protocol.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

const fieldOf = (spec: Spec, level: string, key: string) =>
  spec.levels
    .find((l: { key: string }) => l.key === level)
    .fields.find((f: { key: string }) => f.key === key);

/** Version 2: a label, a tightened bound, a renamed key, a removed field. */
const V2 = chiroEdited('v2', (spec) => {
  spec.version = 2;
  const adults = fieldOf(spec, 'observation', 'count_adults');
  adults.max = 5000;
  adults.label = { fr: 'Adultes', en: 'Adult bats' };
  const visit = spec.levels.find((l: { key: string }) => l.key === 'visit');
  visit.fields = visit.fields.filter((f: { key: string }) => f.key !== 'guano_amount');
  visit.detail = visit.detail?.filter((k: string) => k !== 'guano_amount');
  fieldOf(spec, 'visit', 'visit_end').key = 'visit_stop';
  for (const list of ['list', 'detail', 'keep'])
    visit[list] = visit[list]?.map((k: string) => (k === 'visit_end' ? 'visit_stop' : k));
});

describe('suivi diff', () => {
  it('prints the changes grouped by class, most demanding first, and exits 0', async () => {
    const result = await cli('diff', CHIRO, V2);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'chiro_gites v1 → v2: 6 change(s) (destructive (archived) 1, data-dependent 1, rename 1, additive 0, metadata 3)',
    );
    expect(result.stdout).toContain(
      [
        'destructive (archived) (1)',
        '  field "guano_amount" (level "visit") removed (its values go to the archive)',
        '    field_removed · id visit.guano_amount · at /levels/1/fields/15',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      '  max of field "count_adults" (level "observation") tightened: 100000 → 5000\n    field_constraint_tightened · id obs.count_adults · at /levels/2/fields/3/max',
    );
    expect(result.stdout).toContain('  field "visit_stop" (level "visit") renamed from "visit_end"');
  });

  it('speaks French with --lang fr', async () => {
    const result = await cli('diff', CHIRO, V2, '--lang', 'fr');
    expect(result.stdout.split('\n')[0]).toBe(
      'chiro_gites v1 → v2: 6 changement(s) (destructif (archivé) 1, dépend des données 1, renommage 1, ajout 0, métadonnées 3)',
    );
    expect(result.stdout).toContain(
      'champ « visit_stop » (niveau « visit ») renommé (clé précédente « visit_end »)',
    );
  });

  it('prints the diff as JSON with --json, the same twice', async () => {
    const result = await cli('diff', CHIRO_GENERATED, V2, '--json');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as ProtocolDiff;
    expect({ code: diff.code, from: diff.from, to: diff.to }).toEqual({
      code: 'chiro_gites',
      from: 1,
      to: 2,
    });
    expect(diff.changes.map((c) => [c.kind, c.class])).toEqual([
      ['protocol_version_changed', 'metadata'],
      ['level_display_changed', 'metadata'],
      ['field_renamed', 'rename'],
      ['field_removed', 'destructive'],
      ['field_label_changed', 'metadata'],
      ['field_constraint_tightened', 'data_dependent'],
    ]);
    expect(diff.changes[2]?.field).toEqual({ id: 'visit.end', key: 'visit_stop', previousKey: 'visit_end' });
    expect((await cli('diff', CHIRO_GENERATED, V2, '--json')).stdout).toBe(result.stdout);
  });

  it('says when nothing changed', async () => {
    const result = await cli('diff', CHIRO_GENERATED, CHIRO);
    expect(result).toEqual({ code: 0, stdout: 'chiro_gites v1 → v1: no changes\n', stderr: '' });
  });

  it('exits 2 with --fail-on when such a change is there, 0 when not', async () => {
    const failed = await cli('diff', CHIRO, V2, '--fail-on', 'destructive');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('1 change(s) of class destructive (--fail-on destructive)\n');
    const relabelled = chiroEdited('relabelled', (spec) => {
      spec.version = 2;
      spec.label.en = 'Bat roosts';
    });
    expect((await cli('diff', CHIRO, relabelled, '--fail-on', 'data_dependent')).code).toBe(0);
    expect((await cli('diff', CHIRO, V2, '--fail-on', 'data_dependent')).stderr).toContain(
      '2 change(s) of class data_dependent or destructive',
    );
  });

  it('offers the --fail-on classes the command knows', () => {
    expect(TABLE_FAIL_ON).toEqual(FAIL_ON_CLASSES);
  });

  it('exits 1 on a file it cannot read or an invalid spec, printing why', async () => {
    const missing = await cli('diff', join(temp, 'nothing.json'), CHIRO);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing\.json: no such file or folder\n$/);
    const invalid = await cli('diff', CHIRO, 'test/fixtures/ten-mistakes.protocol.json');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^test\/fixtures\/ten-mistakes\.protocol\.json:\d+:\d+ error rule-syntax /m,
    );
    expect(invalid.stdout).toBe('');
  });

  it('prints the evolution errors and exits 1 when the pair cannot be an upgrade', async () => {
    const notRaised = chiroEdited('not-raised', (spec) => {
      spec.label.en = 'Bat roosts';
    });
    const result = await cli('diff', CHIRO, notRaised);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not-raised\.protocol\.json:4:\d+ error version-not-raised /);
    expect(result.stdout).toContain('protocol label changed');
  });

  it('says installed: needs a database', async () => {
    const result = await cli('diff', 'installed:chiro_gites', CHIRO, '--data-dir', join(temp, 'no-data'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('installed:chiro_gites: no database in');
  });
});

describe.each(runtimeEngines().map((e) => e.name))('suivi diff installed:<code> on %s', (engine) => {
  let suivi: (...args: string[]) => Promise<CliResult>;
  let where: { dataDir: string; url: string };
  let drop = async () => {};

  beforeAll(async () => {
    // A copy of the prepared database with every example installed (test/global-setup.ts): no cold start.
    if (engine === 'pglite') {
      where = { dataDir: join(temp, 'data'), url: '' };
      await preparedDataDir('installed', where.dataDir);
      suivi = (...args) => cliWith({}, ...args, '--data-dir', where.dataDir);
    } else {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('PostgreSQL tests need DATABASE_URL');
      const scratch = await preparedPostgres(url, 'installed');
      drop = scratch.drop;
      where = { dataDir: '', url: scratch.url };
      suivi = (...args) => cliWith({ DATABASE_URL: scratch.url }, ...args);
    }
    expect((await suivi('install', CHIRO_GENERATED)).code).toBe(0);
  });
  afterAll(() => drop());

  /** Runs SQL on the database while no command holds it (PGlite allows one process at a time). */
  async function withDb(
    work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
  ): Promise<void> {
    const db = await openDatabase(where);
    try {
      await work(db);
    } finally {
      await db.close();
    }
  }

  it('says a module installed before version history must be reinstalled', async () => {
    await withDb((db) =>
      coreDb(db)
        .updateTable('suivi.module')
        .set({ version_id: null })
        .execute()
        .then(() => {}),
    );
    const result = await suivi('diff', 'installed:chiro_gites', V2);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /installed:chiro_gites: the module installed in .* predates version history/,
    );
    expect(result.stderr).toContain('reinstall it');
  });

  it('compares the version the database serves with a spec', async () => {
    const ir = JSON.parse(readFileSync(`${CHIRO_GENERATED}/ir/protocol.resolved.json`, 'utf8')).protocol;
    await withDb(async (db) => {
      const row = await coreDb(db)
        .insertInto('suivi.module_version')
        .values({
          code: 'chiro_gites',
          version: 1,
          generator_version: 'test',
          content_hash: 'test',
          spec: null,
          ir: JSON.stringify(ir),
          files: JSON.stringify({}),
          change: 'install',
          plan: null,
          installed_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await coreDb(db)
        .updateTable('suivi.module')
        .set({ version_id: row.id })
        .where('code', '=', 'chiro_gites')
        .execute();
    });
    const result = await suivi('diff', 'installed:chiro_gites', V2, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse((await cli('diff', CHIRO, V2, '--json')).stdout));
  });

  it('says when no such module is installed', async () => {
    const result = await suivi('diff', 'installed:no_such_module', V2);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no module no_such_module is installed');
  });
});
