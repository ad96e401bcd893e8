/**
 * TAXREF load benchmark: synthesises a 600k-line file in the official shape (tab-separated, upper-case
 * header, the columns Suivi ignores included) in a temp dir, then times `importTaxrefFile` into an
 * empty table and again over the loaded one (every line an update).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:taxref   # a scratch database
 *   npm run bench:taxref -- --pglite                                                # in-memory PGlite
 *   npm run bench:taxref -- --rows 100000
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { IN_MEMORY, openPGlite } from '../runtime/db/pglite.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { importTaxrefFile } from '../runtime/refdata/taxref.ts';

const { values } = parseArgs({ options: { rows: { type: 'string' }, pglite: { type: 'boolean' } } });
const ROWS = Number(values.rows ?? 600_000);

/** The official file's columns, in its order (Suivi stores 16 of them). */
const HEADER = (
  'REGNE PHYLUM CLASSE ORDRE FAMILLE SOUS_FAMILLE TRIBU GROUP1_INPN GROUP2_INPN GROUP3_INPN CD_NOM ' +
  'CD_TAXSUP CD_SUP CD_REF RANG LB_NOM LB_AUTEUR NOM_COMPLET NOM_COMPLET_HTML NOM_VALIDE NOM_VERN ' +
  'NOM_VERN_ENG HABITAT FR GF MAR URL'
).split(' ');

const GENERA = [
  'Myotis',
  'Pipistrellus',
  'Carex',
  'Quercus',
  'Bufo',
  'Rana',
  'Sylvia',
  'Œnanthe',
  'Épilobium',
];
const VERNACULAR = [
  'Murin',
  'Pipistrelle',
  'Laîche',
  'Chêne',
  'Crapaud',
  'Grenouille',
  'Fauvette',
  'Traquet',
  'Épilobe',
];

function line(i: number): string {
  const cdNom = 100_000 + i;
  const genus = GENERA[i % GENERA.length]!;
  const lbNom = `${genus} species${i}`;
  const author = `(Auteur, ${1750 + (i % 270)})`;
  const cells: Record<string, string> = {
    REGNE: i % 3 === 0 ? 'Plantae' : 'Animalia',
    PHYLUM: 'Chordata',
    CLASSE: 'Mammalia',
    ORDRE: 'Chiroptera',
    FAMILLE: 'Vespertilionidae',
    GROUP1_INPN: 'Chordés',
    GROUP2_INPN: 'Mammifères',
    CD_NOM: String(cdNom),
    CD_SUP: String(100_000 + Math.floor(i / 10)),
    CD_REF: String(i % 4 === 0 ? cdNom : cdNom - (i % 4)),
    RANG: 'ES',
    LB_NOM: lbNom,
    LB_AUTEUR: author,
    NOM_COMPLET: `${lbNom} ${author}`,
    NOM_COMPLET_HTML: `<i>${lbNom}</i> ${author}`,
    NOM_VALIDE: `${lbNom} ${author}`,
    NOM_VERN: i % 5 === 0 ? '' : `${VERNACULAR[i % VERNACULAR.length]} n°${i}`,
    HABITAT: '3',
    FR: 'P',
    URL: `https://inpn.mnhn.fr/espece/cd_nom/${cdNom}`,
  };
  return HEADER.map((h) => cells[h] ?? '').join('\t');
}

async function writeFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${HEADER.join('\t')}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function openTarget(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (values.pglite || !url) {
    return {
      db: await openPGlite({ dataDir: IN_MEMORY }),
      label: 'PGlite (in memory)',
      drop: async () => {},
    };
  }
  const name = `suivi_bench_taxref_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString());
  const server = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v;
  return {
    db,
    label: `PostgreSQL ${server}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'suivi-bench-taxref-'));
const file = join(dir, 'TAXREFv18.txt');
let t = performance.now();
await writeFile(file);
console.log(
  `synthesised ${ROWS.toLocaleString('en-US')} names (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
const target = await openTarget();
try {
  await migrate(target.db);
  for (const run of ['into an empty table', 'again (every line an update)']) {
    t = performance.now();
    const { rows } = await importTaxrefFile(target.db, file, { progress: process.stderr });
    const seconds = (performance.now() - t) / 1000;
    console.log(
      `${target.label}: ${rows.toLocaleString('en-US')} names ${run} in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)`,
    );
  }
  const n = (await target.db.query<{ n: number }>('SELECT count(*) AS n FROM ref.taxon')).rows[0]?.n;
  console.log(`ref.taxon holds ${n?.toLocaleString('en-US')} rows`);
} finally {
  await target.db.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
}
