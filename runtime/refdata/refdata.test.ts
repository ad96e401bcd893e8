/**
 * Reference-data loaders: SINP nomenclatures and TAXREF (official tab-separated shape and CSV extracts),
 * on both engines; a bad line rolls the whole load back and is named.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { importNomenclatures } from './nomenclatures.ts';
import { createProgress } from './progress.ts';
import { searchText } from './search-text.ts';
import { importTaxrefFile } from './taxref.ts';
import { parseHeader, splitCsvLine } from './taxref-format.ts';

const dir = mkdtempSync(join(tmpdir(), 'suivi-refdata-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SHARED = new URL('../../../shared/refdata/', import.meta.url).pathname;

const NOMENCLATURES = {
  types: [
    {
      mnemonique: 'TYPE_SITE',
      label: 'Type de sites',
      values: [
        { cd: '1', label: 'Grotte', definition: 'Site de type grotte', hierarchy: '116.001.001' },
        { cd: 'CHI', label: 'Site chiroptère', hierarchy: '116.001' },
      ],
    },
    {
      mnemonique: 'SEXE',
      label: 'Sexe',
      sinp_attribute: 'occSexe',
      values: [{ cd: '2', label: 'Femelle', hierarchy: '009.002' }],
    },
  ],
};

const TSV_HEADER =
  'REGNE\tPHYLUM\tCLASSE\tORDRE\tFAMILLE\tSOUS_FAMILLE\tGROUP1_INPN\tGROUP2_INPN\tCD_NOM\tCD_TAXSUP\tCD_SUP\tCD_REF\tRANG\tLB_NOM\tLB_AUTEUR\tNOM_COMPLET\tNOM_VALIDE\tNOM_VERN\tURL';
const tsvLine = (cdNom: number, lbNom: string, vern = '') =>
  `Animalia\tChordata\tMammalia\tChiroptera\tVespertilionidae\t\tChordés\tMammifères\t${cdNom}\t1\t2\t${cdNom}\tES\t${lbNom}\t(Kuhl, 1817)\t${lbNom} (Kuhl, 1817)\t${lbNom}\t${vern}\thttps://inpn.mnhn.fr`;

describe('TAXREF lines', () => {
  it('folds accents, ligatures and case for search', () => {
    expect(searchText('  Écureuil   ROUX ')).toBe('ecureuil roux');
    expect(searchText('Œnanthe œnanthe')).toBe('oenanthe oenanthe');
    expect(searchText('Murin à oreilles échancrées')).toBe('murin a oreilles echancrees');
  });

  it('splits CSV lines with quotes', () => {
    expect(splitCsvLine('1,"Wagler, 1829","say ""hi""",')).toEqual(['1', 'Wagler, 1829', 'say "hi"', '']);
    expect(() => splitCsvLine('1,"open')).toThrow('not closed');
  });

  it('reads both header shapes, RANG as id_rang, and refuses a file without CD_NOM', () => {
    const official = parseHeader(TSV_HEADER);
    expect(official.delimiter).toBe('\t');
    expect(official.columns.map(([c]) => c)).toContain('id_rang');
    expect(official.written.at(-1)).toBe('nom_vern_search');
    const extract = parseHeader('\uFEFFcd_nom,lb_nom,classe');
    expect(extract.written).toEqual(['cd_nom', 'classe', 'lb_nom', 'lb_nom_search']);
    expect(() => parseHeader('LB_NOM\tCD_REF')).toThrow('no CD_NOM column');
  });

  it('draws a bar on a terminal and plain lines elsewhere', () => {
    let clock = 0;
    const tty: string[] = [];
    const bar = createProgress({
      label: 'taxref',
      total: 100,
      sink: { isTTY: true, write: (t) => tty.push(t) },
      now: () => clock,
    });
    clock = 200;
    bar.update(1000, 50);
    bar.finish(2000);
    expect(tty[0]).toMatch(/^\rtaxref █+░+ +50% {2}1,000 rows {2}5,000 rows\/s/);
    expect(tty[1]?.startsWith('\r\u001b[Ktaxref: 2,000 rows in 0.2 s')).toBe(true);
    clock = 0;
    const log: string[] = [];
    const lines = createProgress({
      label: 'taxref',
      total: 100,
      sink: { write: (t) => log.push(t) },
      now: () => clock,
    });
    clock = 5000;
    lines.update(1000, 25);
    expect(log).toEqual(['taxref: 1,000 rows (25%), 200 rows/s\n']);
  });
});

describe.each(runtimeEngines())('reference data on $name', (engine) => {
  let db: Database;
  const taxon = async (cdNom: number) =>
    (await db.query('SELECT * FROM ref.taxon WHERE cd_nom = $1', [cdNom])).rows[0] as Record<string, unknown>;

  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('upserts nomenclatures with their hierarchy, twice without change', async () => {
    const path = file('nomenclatures.json', JSON.stringify(NOMENCLATURES));
    expect(await importNomenclatures(db, path)).toEqual({ types: 2, values: 3, skipped: [] });
    expect(await importNomenclatures(db, path)).toEqual({ types: 2, values: 3, skipped: [] });
    const { rows } = await db.query(
      "SELECT type, code, label_fr, definition_fr, broader_code, source FROM ref.vocabulary WHERE type = 'TYPE_SITE' ORDER BY code",
    );
    expect(rows).toEqual([
      {
        type: 'TYPE_SITE',
        code: '1',
        label_fr: 'Grotte',
        definition_fr: 'Site de type grotte',
        broader_code: 'CHI',
        source: 'sinp',
      },
      {
        type: 'TYPE_SITE',
        code: 'CHI',
        label_fr: 'Site chiroptère',
        definition_fr: null,
        broader_code: null,
        source: 'sinp',
      },
    ]);
    expect(
      (await db.query("SELECT sinp_attribute FROM ref.vocabulary_type WHERE type = 'SEXE'")).rows,
    ).toEqual([{ sinp_attribute: 'occSexe' }]);
  });

  it('leaves a protocol vocabulary of the same code alone', async () => {
    await db.exec(
      "INSERT INTO ref.vocabulary_type (type, label_fr, source) VALUES ('MY_PROTOCOL_TYPE', 'À moi', 'protocol')",
    );
    const path = file(
      'shadow.json',
      JSON.stringify({
        types: [{ mnemonique: 'MY_PROTOCOL_TYPE', label: 'SINP', values: [{ cd: 'A', label: 'A' }] }],
      }),
    );
    expect(await importNomenclatures(db, path)).toEqual({
      types: 0,
      values: 0,
      skipped: ['MY_PROTOCOL_TYPE'],
    });
    expect(
      (await db.query("SELECT count(*) AS n FROM ref.vocabulary WHERE type = 'MY_PROTOCOL_TYPE'")).rows,
    ).toEqual([{ n: 0 }]);
  });

  it.runIf(existsSync(join(SHARED, 'nomenclatures.json')))(
    'loads the full SINP nomenclatures file',
    async () => {
      const result = await importNomenclatures(db, join(SHARED, 'nomenclatures.json'));
      expect(result).toMatchObject({ types: 105, values: 623 });
    },
  );

  it('loads the official tab-separated shape, with search forms', async () => {
    const path = file(
      'TAXREF.txt',
      [
        TSV_HEADER,
        tsvLine(60418, 'Myotis myotis', 'Grand Murin'),
        tsvLine(60400, 'Myotis emarginatus', 'Murin à oreilles échancrées'),
        '',
      ].join('\r\n'),
    );
    const result = await importTaxrefFile(db, path);
    expect(result.rows).toBe(2);
    expect(await taxon(60400)).toMatchObject({
      cd_ref: 60400,
      cd_sup: 2,
      lb_auteur: '(Kuhl, 1817)',
      id_rang: 'ES',
      group2_inpn: 'Mammifères',
      lb_nom_search: 'myotis emarginatus',
      nom_vern_search: 'murin a oreilles echancrees',
    });
  });

  it('loads the lower-case CSV shape, updating only the columns the file has', async () => {
    const path = file(
      'taxa.csv',
      'cd_nom,cd_ref,lb_nom,nom_vern\n60400,60400,Myotis emarginatus,"Vespertilion à oreilles échancrées, Murin"\n4001,,Bufo bufo,Crapaud commun\n',
    );
    expect((await importTaxrefFile(db, path)).rows).toBe(2);
    expect(await taxon(60400)).toMatchObject({
      lb_auteur: '(Kuhl, 1817)',
      id_rang: 'ES',
      nom_vern: 'Vespertilion à oreilles échancrées, Murin',
    });
    expect(await taxon(4001)).toMatchObject({ cd_ref: null, regne: null, lb_nom_search: 'bufo bufo' });
  });

  it.runIf(existsSync(join(SHARED, 'taxref_sample.csv')))('loads the shared TAXREF sample', async () => {
    // 64 of its lines have a vernacular name only: skipped and counted, not fatal.
    const result = await importTaxrefFile(db, join(SHARED, 'taxref_sample.csv'));
    expect(result).toMatchObject({ rows: 2760, skipped: { count: 64 } });
    expect(result.skipped.lines[0]).toBe(325);
  });

  it('rolls the whole load back on a malformed line, and names it', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*) AS n FROM ref.taxon')).rows[0]!.n;
    const lines = [TSV_HEADER];
    for (let i = 1; i <= 12_000; i++) lines.push(tsvLine(900_000 + i, `Taxon ${i}`));
    lines[11_001] = tsvLine(911_001, 'Bad').replace('\t911001\t', '\tnot-a-number\t');
    const path = file('bad.txt', lines.join('\n'));
    await expect(importTaxrefFile(db, path)).rejects.toThrow(
      `${path}:11002: CD_NOM "not-a-number" is not a whole number`,
    );
    expect((await db.query('SELECT count(*) AS n FROM ref.taxon')).rows).toEqual([{ n: before }]);
    const short = file('short.txt', `${TSV_HEADER}\n${tsvLine(1, 'A')}\nonly\tthree\tfields\n`);
    await expect(importTaxrefFile(db, short)).rejects.toThrow(':3: 3 fields where the header has 19');
  });
});
