/**
 * The migrate bench's protocol and its volume: a plain site → visit → observation module whose
 * observation table gets the rows (1M by default), written inside the database with `INSERT … SELECT
 * generate_series` (no row crosses the wire). Every value satisfies the generated CHECKs: counts are
 * `i % 211` (≤ 210), under the bench's first bound (100 000) and its tightened one (5 000), over the
 * refused one (100).
 */
import { ident, type Queryable } from '../../runtime/db/database.ts';

export const CODE = 'bench_migrate';

// biome-ignore lint/suspicious/noExplicitAny: the bench edits its spec as JSON, version after version.
export type Spec = any;

const label = (fr: string, en: string) => ({ fr, en });

export function benchSpec(): Spec {
  return {
    code: CODE,
    version: 1,
    label: label('Banc d’essai des migrations', 'Migration bench'),
    taxonomy: { scope: 'all' },
    levels: [
      {
        id: 'level.site',
        key: 'site',
        type: 'site',
        label: label('Site', 'Site'),
        plural: label('Sites', 'Sites'),
        geometry: { kind: 'point', required: false },
        omitStandardFields: [
          'base_site_code',
          'base_site_description',
          'id_inventor',
          'first_use_date',
          'altitude_min',
          'altitude_max',
          'medias',
        ],
        fields: [{ id: 'site.habitat', kind: 'text', key: 'habitat', label: label('Habitat', 'Habitat') }],
      },
      {
        id: 'level.visit',
        key: 'visit',
        type: 'visit',
        parents: ['site'],
        label: label('Visite', 'Visit'),
        plural: label('Visites', 'Visits'),
        omitStandardFields: ['visit_date_max', 'observers', 'id_dataset', 'comments', 'medias'],
        fields: [
          { id: 'visit.wind', kind: 'integer', key: 'wind', label: label('Vent', 'Wind'), min: 0, max: 12 },
        ],
      },
      {
        id: 'level.observation',
        key: 'observation',
        type: 'observation',
        parents: ['visit'],
        label: label('Observation', 'Observation'),
        plural: label('Observations', 'Observations'),
        omitStandardFields: ['cd_nom', 'comments', 'medias'],
        fields: [
          {
            id: 'observation.count',
            kind: 'integer',
            key: 'count',
            label: label('Effectif', 'Count'),
            min: 0,
            max: 100000,
          },
          {
            id: 'observation.behaviour',
            kind: 'text',
            key: 'behaviour',
            label: label('Comportement', 'Behaviour'),
          },
        ],
      },
    ],
  };
}

export interface Volumes {
  readonly sites: number;
  readonly visits: number;
  readonly observations: number;
}

export async function loadVolume(tx: Queryable, v: Volumes, log: (line: string) => void): Promise<void> {
  const steps: Array<[string, string, unknown[]]> = [
    [
      `${v.sites.toLocaleString('en-US')} sites`,
      `INSERT INTO ${CODE}.site (id, base_site_name, habitat)
        SELECT md5('s' || i)::uuid, 'Site ' || i, (ARRAY['forest','meadow','wetland'])[1 + i % 3]
        FROM generate_series(1, $1::integer) AS i`,
      [v.sites],
    ],
    [
      `${v.visits.toLocaleString('en-US')} visits`,
      `INSERT INTO ${CODE}.visit (id, site_id, visit_date_min, wind)
        SELECT md5('v' || i)::uuid, md5('s' || (1 + i % $1::integer))::uuid, date '2020-01-01' + i % 2000, i % 13
        FROM generate_series(1, $2::integer) AS i`,
      [v.sites, v.visits],
    ],
    [
      `${v.observations.toLocaleString('en-US')} observations`,
      `INSERT INTO ${CODE}.observation (id, visit_id, count, behaviour)
        SELECT md5('o' || i)::uuid, md5('v' || (1 + i % $1::integer))::uuid, i % 211,
          (ARRAY['feeding','resting','flying',NULL])[1 + i % 4]
        FROM generate_series(1, $2::integer) AS i`,
      [v.visits, v.observations],
    ],
  ];
  // The values are valid by construction: the foreign keys' per-row triggers are skipped for the load
  // (a superuser setting, this transaction only), and the module's secondary indexes are built once
  // after it rather than row by row: the same tables and indexes, several times faster.
  await tx.exec('SET LOCAL session_replication_role = replica');
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = $1::regnamespace)`,
    [CODE],
  );
  for (const index of indexes.rows) await tx.exec(`DROP INDEX ${CODE}.${ident(index.name)}`);
  for (const [what, sql, params] of steps) {
    const t = performance.now();
    await tx.query(sql, params);
    log(`  ${what.padEnd(24)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  }
  const t = performance.now();
  for (const index of indexes.rows) await tx.exec(index.definition);
  log(
    `  ${`${indexes.rows.length} indexes built`.padEnd(24)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
  );
}
