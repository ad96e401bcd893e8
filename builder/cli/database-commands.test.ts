/**
 * `suivi install` and `suivi refdata`, called in-process, on both engines: PGlite in a data dir of their
 * own (`--data-dir`), PostgreSQL in a scratch database given as DATABASE_URL. What the loaders do is
 * tested in runtime/; here, that the command line reaches them and reports.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines, scratchDatabase } from '../../test/helpers/engines.ts';
import { type CliResult, cliWith } from './run-cli.test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-cli-db-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const TAXREF = join(temp, 'taxref.csv');
writeFileSync(
  TAXREF,
  [
    'CD_NOM,CD_REF,RANG,LB_NOM,LB_AUTEUR,NOM_VERN,REGNE,CLASSE,ORDRE,FAMILLE',
    '60479,60479,ES,Myotis myotis,"(Borkhausen, 1797)",Grand Murin,Animalia,Mammalia,Chiroptera,Vespertilionidae',
    '60345,60345,ES,Pipistrellus pipistrellus,"(Schreber, 1774)",Pipistrelle commune,Animalia,Mammalia,Chiroptera,Vespertilionidae',
    '',
  ].join('\n'),
);

describe.each(runtimeEngines().map((e) => e.name))('database commands on %s', (engine) => {
  /** Runs a command line against this engine's database. */
  let suivi: (...args: string[]) => Promise<CliResult>;
  let drop = async () => {};

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dataDir = join(temp, 'data');
      suivi = (...args) => cliWith({}, ...args, '--data-dir', dataDir);
      return;
    }
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('PostgreSQL tests need DATABASE_URL');
    const scratch = await scratchDatabase(url);
    drop = scratch.drop;
    suivi = (...args) => cliWith({ DATABASE_URL: scratch.url }, ...args);
  });
  afterAll(() => drop());

  it('install installs a generated module and says where', async () => {
    const result = await suivi('install', 'examples/chiro_gites/generated');
    expect(result.stderr).toMatch(engine === 'pglite' ? /^database: PGlite in / : /^database: PostgreSQL /);
    expect(result.stdout).toBe('chiro_gites v1: installed\n');
    expect(result.code).toBe(0);
  });

  it('refdata taxref loads names', async () => {
    const result = await suivi('refdata', 'taxref', TAXREF);
    expect(result.stdout).toMatch(/^\S+taxref\.csv: 2 names loaded in \d+\.\d s\n$/);
    expect(result.code).toBe(0);
  });
});

describe('database commands', () => {
  it('print a failure as one line on stderr and exit 1', async () => {
    // Nothing listens on port 1: the connection fails at once, whatever the machine.
    const result = await cliWith(
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
      'install',
      'examples/chiro_gites/generated',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^[^\n]*ECONNREFUSED[^\n]*\n$/);
  });
});
