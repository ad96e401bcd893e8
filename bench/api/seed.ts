/**
 * The API bench's volume, generated inside the database (`INSERT … SELECT generate_series`, no row
 * crosses the wire) into the installed `chiro_gites` module and ref.taxon. Deterministic: ids are
 * `md5(kind || n)::uuid`, values come from the row number. The rows satisfy the generated CHECKs and
 * foreign keys (roost types without required extras, visit methods needing no times, juveniles and the
 * reproduction status only on summer visits, count_total = adults + juveniles), and the server rules
 * the reads rely on (every visit has an observer). Visit dates spread over 60 days of their season and
 * 12 years: with a few dates only, `ORDER BY visit_date_min DESC, id` ties on thousands of rows.
 */
import type { Queryable } from '../../runtime/db/database.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from '../../runtime/demo/demo-data.ts';
import { searchText } from '../../runtime/refdata/search-text.ts';

export interface Volumes {
  readonly sites: number;
  readonly visits: number;
  readonly observations: number;
  readonly taxa: number;
}

/** France, roughly: sites are spread uniformly in it. */
export const EXTENT = { minx: -4.5, miny: 42.5, maxx: 8, maxy: 51 } as const;
const CHIRO_TAXA = [60295, 60313, 60418, 60400, 60345, 60518, 60479, 79303, 60506, 60461, 60468, 60557];
const ORGS = [DEMO_ORGANISATIONS.cen.id, DEMO_ORGANISATIONS.chiro.id];
const USERS = DEMO_ACCOUNTS.map((a) => a.id);

export const siteId = (i: number) => `md5('s' || ${i})::uuid`;

export function recordSteps(v: Volumes): { label: string; sql: string; params: unknown[] }[] {
  return [
    {
      label: `${v.sites.toLocaleString('en-US')} sites`,
      sql: `INSERT INTO chiro_gites.site (id, organisation_id, geom, base_site_name, municipality_code, place_name, roost_type, altitude_min)
        SELECT md5('s' || i)::uuid, ($1::uuid[])[1 + i % 2],
          ST_SetSRID(ST_MakePoint(${EXTENT.minx} + ${EXTENT.maxx - EXTENT.minx} * ((hashint4(i) & 65535) / 65536.0),
                                  ${EXTENT.miny} + ${EXTENT.maxy - EXTENT.miny} * ((hashint4(i + 7919) & 65535) / 65536.0)), 4326),
          'Gîte ' || i, lpad((1 + i % 95)::text, 2, '0') || lpad((i % 1000)::text, 3, '0'),
          'Lieu-dit ' || (i % 5000),
          (ARRAY['BUILDING','CHURCH','CELLAR','BRIDGE','CAVE','MINE'])[1 + i % 6], 50 + i % 1500
        FROM generate_series(1, $2::integer) AS i`,
      params: [ORGS, v.sites],
    },
    {
      label: `${v.visits.toLocaleString('en-US')} visits`,
      sql: `INSERT INTO chiro_gites.visit (id, site_id, organisation_id, visit_date_min, season, visit_method, disturbance, outside_temperature)
        SELECT md5('v' || i)::uuid, md5('s' || (1 + i % $2::integer))::uuid, ($1::uuid[])[1 + (i % $2::integer + 1) % 2],
          date '2012-01-01' + (i % 4) * 91 + ((i / 4) % 12) * 365 + (i / 48) % 60, (ARRAY['winter','spring','summer','autumn'])[1 + i % 4],
          (ARRAY['VISUAL','PHOTO'])[1 + (i / 4) % 2], false, round(((i % 300) / 10.0)::numeric, 1)
        FROM generate_series(1, $3::integer) AS i`,
      params: [ORGS, v.sites, v.visits],
    },
    {
      label: `${v.visits.toLocaleString('en-US')} visit observers`,
      sql: `INSERT INTO chiro_gites.visit__observers (record_id, position, user_id)
        SELECT md5('v' || i)::uuid, 1, ($1::uuid[])[1 + i % ${USERS.length}] FROM generate_series(1, $2::integer) AS i`,
      params: [USERS, v.visits],
    },
    {
      label: `${v.observations.toLocaleString('en-US')} observations`,
      // Visit i % visits is a summer visit when (i % visits) % 4 = 2.
      sql: `INSERT INTO chiro_gites.observation (id, visit_id, organisation_id, cd_nom, count_adults, count_juveniles, count_total, repro_status)
        SELECT md5('o' || i)::uuid, md5('v' || w)::uuid, ($1::uuid[])[1 + (w % $3::integer + 1) % 2],
          ($2::integer[])[1 + (i / 7) % ${CHIRO_TAXA.length}], a,
          CASE WHEN summer THEN j END, a + CASE WHEN summer THEN j ELSE 0 END,
          CASE WHEN summer THEN (ARRAY['NONE','GESTATION','BIRTHS','YOUNG_FLIGHTLESS','YOUNG_FLYING','UNKNOWN'])[1 + (i / 3) % 6] END
        FROM (SELECT i, 1 + i % $4::integer AS w, (1 + i % $4::integer) % 4 = 2 AS summer, i % 211 AS a, i % 37 AS j
              FROM generate_series(1, $5::integer) AS i) s`,
      params: [ORGS, CHIRO_TAXA, v.sites, v.visits, v.observations],
    },
  ];
}

const GENUS_START = [
  'My',
  'Pip',
  'Car',
  'Quer',
  'Bu',
  'Ra',
  'Syl',
  'Œn',
  'Épi',
  'Lu',
  'Fes',
  'Ho',
  'Ac',
  'Pa',
  'Ste',
  'Tri',
];
const GENUS_END = [
  'otis',
  'istrellus',
  'ex',
  'cus',
  'fo',
  'na',
  'via',
  'anthe',
  'lobium',
  'zula',
  'tuca',
  'lcus',
  'er',
  'rus',
  'lla',
  'folium',
  'ops',
  'aria',
];
const EPITHETS = [
  'alba',
  'nigra',
  'vulgaris',
  'major',
  'minor',
  'officinalis',
  'sylvestris',
  'pratensis',
  'montana',
  'aquatica',
  'europaea',
  'communis',
  'repens',
  'arvensis',
  'palustris',
  'maritima',
];
const VERN_HEAD = [
  'Murin',
  'Pipistrelle',
  'Laîche',
  'Chêne',
  'Crapaud',
  'Grenouille',
  'Fauvette',
  'Traquet',
  'Épilobe',
  'Luzule',
  'Fétuque',
  'Houlque',
  'Érable',
  'Mésange',
  'Œillet',
  'Trèfle',
];
const VERN_TAIL = [
  'commun',
  'des marais',
  'à oreilles échancrées',
  'élevé',
  'des bois',
  'rampant',
  'de montagne',
  'pédonculé',
  'des champs',
  'épineux',
  'aquatique',
  'grisette',
  'noir',
  'blanc',
];
const GROUPS = [
  'Angiospermes',
  'Insectes',
  'Oiseaux',
  'Mammifères',
  'Amphibiens',
  'Reptiles',
  'Mousses',
  'Fougères',
  'Poissons',
  'Arachnides',
  'Champignons',
  'Mollusques',
];

/**
 * `n` synthetic TAXREF names (cd_nom from 10,000,001, clear of the demo taxa): 288 genera × 16 epithets
 * × variants, three quarters accepted, four in five with a vernacular name (every seventh with two, comma
 * separated), search forms folded with `searchText` like the loader's, twelve INPN groups.
 */
export function taxaStep(n: number): { label: string; sql: string; params: unknown[] } {
  const genera = GENUS_START.flatMap((a) => GENUS_END.map((b) => a + b));
  const verns = VERN_HEAD.flatMap((a) => VERN_TAIL.map((b) => `${a} ${b}`));
  return {
    label: `${n.toLocaleString('en-US')} taxon names`,
    sql: `INSERT INTO ref.taxon (cd_nom, cd_ref, regne, group2_inpn, lb_nom, lb_auteur, nom_vern, id_rang, lb_nom_search, nom_vern_search)
      SELECT 10000000 + i, CASE WHEN i % 4 = 0 THEN 10000000 + i - 1 ELSE 10000000 + i END,
        CASE WHEN g < 8 THEN 'Plantae' ELSE 'Animalia' END, ($7::text[])[1 + g],
        ($1::text[])[1 + i % $9] || ' ' || ($3::text[])[1 + (i / $9) % $10] || CASE WHEN i >= $9 * $10 THEN ' var. ' || (i / ($9 * $10)) ELSE '' END,
        '(Auteur, ' || (1750 + i % 270) || ')',
        CASE WHEN i % 5 = 0 THEN NULL
             WHEN i % 7 = 0 THEN ($5::text[])[1 + i % $11] || ', ' || ($5::text[])[1 + (i / 7) % $11]
             ELSE ($5::text[])[1 + i % $11] END,
        'ES',
        ($2::text[])[1 + i % $9] || ' ' || ($4::text[])[1 + (i / $9) % $10] || CASE WHEN i >= $9 * $10 THEN ' var. ' || (i / ($9 * $10)) ELSE '' END,
        CASE WHEN i % 5 = 0 THEN NULL
             WHEN i % 7 = 0 THEN ($6::text[])[1 + i % $11] || ', ' || ($6::text[])[1 + (i / 7) % $11]
             ELSE ($6::text[])[1 + i % $11] END
      FROM (SELECT i, (i / 13) % $8 AS g FROM generate_series(1, $12::integer) AS i) s`,
    params: [
      genera,
      genera.map(searchText),
      EPITHETS,
      EPITHETS.map(searchText),
      verns,
      verns.map(searchText),
      GROUPS,
      GROUPS.length,
      genera.length,
      EPITHETS.length,
      verns.length,
      n,
    ],
  };
}

/** Varied search prefixes: starts of genera and vernacular names, typed with or without accents. */
export function searchPrefixes(): string[] {
  const genera = GENUS_START.flatMap((a) => GENUS_END.slice(0, 4).map((b) => a + b));
  const out = genera.map((g, i) => g.slice(0, 2 + (i % 4)).toLowerCase());
  for (const [i, v] of VERN_HEAD.entries()) {
    out.push(v.slice(0, 3 + (i % 3)), searchText(v.slice(0, 4)).toUpperCase());
  }
  out.push('pipistrellus pi', 'myotis al', 'chene ped', 'épilobe des');
  return out;
}

export async function runSteps(
  tx: Queryable,
  steps: readonly { label: string; sql: string; params: unknown[] }[],
  log: (line: string) => void,
): Promise<void> {
  for (const step of steps) {
    const t = performance.now();
    await tx.query(step.sql, step.params);
    log(`  ${step.label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  }
}
