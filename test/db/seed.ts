/**
 * Reference rows the example modules need, inserted with parameters: an organisation, a user, a
 * framework and the datasets the specs name, the SINP vocabulary values they use (protocol
 * vocabularies come with the module's own SQL), and the demo taxa.
 */
import { readFileSync } from 'node:fs';
import {
  findStandardVocabulary,
  type ResolvedField,
  type ResolvedProtocol,
} from '../../protocol-specs/index.ts';
import { FRAMEWORK, id, ORGANISATION, USER } from './module-fixture.ts';

/** A dataset no spec offers, for "not one of the datasets" cases. */
export const OTHER_DATASET = id(4);

const TAXA_CSV = new URL('../../examples/demo-data/taxa.csv', import.meta.url);

/** The demo CSV: comma-separated, double-quoted where a name holds a comma. */
export function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? ''))
    .map((cells) =>
      cells.slice(0, -1).map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c)),
    );
}

const allFields = (p: ResolvedProtocol): ResolvedField[] =>
  p.levels.flatMap((l) => l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]));

/** What the seed needs of a database: the runtime's and test/db's interfaces both have it. */
export interface Inserter {
  query(sql: string, params?: readonly unknown[]): Promise<unknown>;
}

export async function seedReference(db: Inserter, protocols: readonly ResolvedProtocol[]): Promise<void> {
  await db.query('INSERT INTO suivi.organisation (id, name) VALUES ($1, $2)', [
    ORGANISATION,
    'Bretagne Vivante',
  ]);
  await db.query(
    'INSERT INTO suivi.app_user (id, organisation_id, login, display_name) VALUES ($1, $2, $3, $4)',
    [USER, ORGANISATION, 'alice', 'Alice Martin'],
  );
  await db.query('INSERT INTO suivi.acquisition_framework (id, label) VALUES ($1, $2)', [
    FRAMEWORK,
    'Suivis régionaux',
  ]);
  const datasets = new Set([OTHER_DATASET]);
  for (const p of protocols) {
    for (const d of p.datasets) datasets.add(d);
    for (const f of allFields(p)) if (f.kind === 'dataset') for (const d of f.datasets) datasets.add(d);
  }
  for (const d of [...datasets].sort()) {
    await db.query('INSERT INTO suivi.dataset (id, acquisition_framework_id, label) VALUES ($1, $2, $3)', [
      d,
      FRAMEWORK,
      `Jeu ${d.slice(0, 8)}`,
    ]);
  }

  const sinp = new Map(
    protocols.flatMap((p) => p.vocabularies.filter((v) => v.source === 'sinp').map((v) => [v.code, v])),
  );
  for (const v of [...sinp.values()]) {
    await db.query(
      "INSERT INTO ref.vocabulary_type (type, label_fr, sinp_attribute, source) VALUES ($1, $2, $3, 'sinp')",
      [v.code, v.label.fr, findStandardVocabulary(v.code)?.sinpAttribute ?? null],
    );
    // One statement: a broader value may come after its narrower ones (the foreign key is checked at its end).
    const params = v.values.flatMap((x) => [v.code, x.code, x.label.fr, x.broader ?? null]);
    const tuples = v.values.map(
      (_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4}, 'sinp')`,
    );
    await db.query(
      `INSERT INTO ref.vocabulary (type, code, label_fr, broader_code, source) VALUES ${tuples.join(', ')}`,
      params,
    );
  }

  const [header, ...rows] = parseCsv(readFileSync(TAXA_CSV, 'utf8'));
  const at = (row: string[], name: string) => {
    const value = row[header?.indexOf(name) ?? -1];
    return value === undefined || value === '' ? null : value;
  };
  for (const row of rows) {
    await db.query(
      'INSERT INTO ref.taxon (cd_nom, cd_ref, lb_nom, nom_vern, classe, ordre, famille, group2_inpn) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      ['cd_nom', 'cd_ref', 'lb_nom', 'nom_vern', 'classe', 'ordre', 'famille', 'group2_inpn'].map((c) =>
        at(row, c),
      ),
    );
  }
}
