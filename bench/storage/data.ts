/**
 * The bench's data, generated once inside the database (`INSERT … SELECT generate_series`) into unlogged
 * `bench.src_*` tables from deterministic hashes of the row number (`hashint8extended`, no random()), then
 * copied into each layout: the typed module `amphibiens_mares` and the GeoNature-style `gn_monitoring`.
 * So both layouts hold the same records, and each load time is the layout's own write cost (constraints,
 * foreign keys, indexes, JSON building), not the generator's.
 *
 * The rows satisfy the typed schema: a hidden field is NULL (`__visible`), a field required when visible
 * is filled, vocabulary codes are the field's, dates of works are before the visit, count_max ≥ count_min.
 */
import { ORGANISATION } from '../../test/db/module-fixture.ts';

export interface Volumes {
  readonly groups: number;
  readonly sites: number;
  readonly visits: number;
  readonly observations: number;
  readonly users: number;
}

export interface Step {
  readonly label: string;
  readonly sql: string;
}

const MODULE = 'amphibiens_mares';
/** The protocol's only dataset (its `id_dataset__choice`), seeded by the tests' seedReference. */
const DATASET = 'e5a9c3d7-2f1b-4a6e-9c8d-7b3f5e1a9c31';
const TAXA = '197, 212, 259, 444430, 444432, 139, 281, 252, 444443, 310, 351, 92';
/** TAXREF's Amphibia: GeoNature's t_observations.cd_nom is NOT NULL, so an absence names the group. */
const ABSENCE_TAXON = 914450;
/** The module's id_module in the GeoNature layout (every gn_monitoring table is shared by all modules). */
export const GN_ID_MODULE = 1;

export function generationSteps(v: Volumes): Step[] {
  const perGroup = Math.ceil(v.sites / v.groups);
  return [
    {
      label: 'helpers',
      sql: `CREATE SCHEMA bench;
CREATE FUNCTION bench.pick(i bigint, salt bigint, n integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ((hashint8extended(i, salt) % n + n) % n)::integer';
CREATE FUNCTION bench.uid(kind integer, i bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$SELECT md5(kind::text || ':' || i::text)::uuid$$;
CREATE UNLOGGED TABLE bench.src_user (u integer, id uuid, login text, first_name text, last_name text);
CREATE UNLOGGED TABLE bench.src_group (g integer, id uuid, name text, landscape text, lead_user integer,
  cx float8, cy float8);
CREATE UNLOGGED TABLE bench.src_site (s integer, id uuid, g integer, group_id uuid, name text,
  first_use_date date, altitude_min integer, altitude_max integer, water_body_type text, permanence text,
  pond_area numeric, fish_present text, geom geometry(Geometry, 4326));
CREATE UNLOGGED TABLE bench.src_visit (v integer, id uuid, s integer, site_id uuid, visit_date date,
  num_passage integer, expertise text, accessibility text, inaccessible_reason text, site_state text,
  works_date date, survey_methods text[], start_time time, end_time time, water_temperature numeric,
  obs1 integer, obs2 integer, comments text);
CREATE UNLOGGED TABLE bench.src_obs (o integer, id uuid, v integer, visit_id uuid, presence text,
  cd_nom integer, life_stage text, sex text, detection_method text, count_type text, count_min integer,
  count_max integer);`,
    },
    {
      label: 'users',
      sql: `INSERT INTO bench.src_user
SELECT u, bench.uid(9, u), 'obs' || u, 'Prénom' || u, 'Nom' || u FROM generate_series(1, ${v.users}) AS u`,
    },
    {
      label: 'sites groups',
      sql: `INSERT INTO bench.src_group
SELECT g, bench.uid(1, g), 'Aire ' || lpad(g::text, 5, '0'),
  (ARRAY['FARMLAND_OPEN', 'BOCAGE', 'WOODLAND', 'WETLAND', 'URBAN', 'MOUNTAIN'])[1 + bench.pick(g, 11, 6)],
  1 + bench.pick(g, 12, ${v.users}),
  -4.5 + bench.pick(g, 13, 1200000) / 100000.0, 42.5 + bench.pick(g, 14, 800000) / 100000.0
FROM generate_series(1, ${v.groups}) AS g`,
    },
    {
      label: 'sites',
      sql: `INSERT INTO bench.src_site
SELECT s, bench.uid(2, s), grp.g, grp.id, 'Mare ' || lpad(s::text, 6, '0'),
  date '2010-01-01' + bench.pick(s, 21, 1800), a.amin, a.amin + bench.pick(s, 23, 40), a.w,
  (ARRAY['permanent', 'temporary', 'unknown'])[1 + bench.pick(s, 25, 3)], bench.pick(s, 26, 5000),
  (ARRAY[NULL, 'Oui', 'Non', 'NSP'])[1 + bench.pick(s, 27, 4)],
  CASE WHEN a.w = 'LAKE' THEN ST_MakeEnvelope(a.x, a.y, a.x + 0.002, a.y + 0.001, 4326)
       ELSE ST_SetSRID(ST_MakePoint(a.x, a.y), 4326) END
FROM generate_series(1, ${v.sites}) AS s
JOIN bench.src_group grp ON grp.g = 1 + (s - 1) / ${perGroup}
CROSS JOIN LATERAL (SELECT bench.pick(s, 22, 1500) AS amin,
  grp.cx + (bench.pick(s, 28, 10001) - 5000) / 100000.0 AS x,
  grp.cy + (bench.pick(s, 29, 10001) - 5000) / 100000.0 AS y,
  CASE WHEN r < 55 THEN 'POND' WHEN r < 65 THEN 'LAKE' WHEN r < 75 THEN 'DITCH' WHEN r < 85 THEN 'RUT'
       WHEN r < 88 THEN 'OXBOW' WHEN r < 91 THEN 'SPRING' WHEN r < 97 THEN 'ARTIFICIAL' ELSE 'OTHER' END AS w
  FROM (SELECT bench.pick(s, 24, 100) AS r) AS x) AS a`,
    },
    {
      label: 'visits',
      sql: `INSERT INTO bench.src_visit
SELECT v, bench.uid(3, v), a.s, bench.uid(2, a.s), a.d, a.np, a.expertise, a.acc,
  CASE WHEN a.acc = 'Non' THEN 'Accès fermé par le propriétaire' END,
  b.st,
  CASE WHEN b.st IN ('created', 'restored', 'destroyed') THEN a.d - bench.pick(v, 37, 365) END,
  CASE WHEN a.acc = 'Oui' THEN ARRAY(
    SELECT m FROM unnest(ARRAY['VISUAL_DAY', 'VISUAL_NIGHT', 'LISTENING', 'NETTING', 'TRAPPING'])
      WITH ORDINALITY AS u(m, k)
    WHERE ((1 + bench.pick(v, 38, 31)) >> (k::integer - 1)) & 1 = 1 ORDER BY k) END,
  CASE WHEN a.acc = 'Oui' THEN a.t0 END,
  CASE WHEN a.acc = 'Oui' THEN a.t0 + make_interval(mins => 30 + bench.pick(v, 40, 150)) END,
  CASE WHEN a.acc = 'Oui' AND bench.pick(v, 41, 10) < 4 THEN round((40 + bench.pick(v, 42, 210)) / 10.0, 1) END,
  a.obs1,
  CASE WHEN bench.pick(v, 44, 3) = 0 THEN 1 + (a.obs1 + bench.pick(v, 45, ${v.users - 1})) % ${v.users} END,
  CASE WHEN bench.pick(v, 46, 10) = 0 THEN 'RAS' END
FROM generate_series(1, ${v.visits}) AS v
CROSS JOIN LATERAL (SELECT 1 + bench.pick(v, 31, ${v.sites}) AS s,
  make_date(2015 + ((v - 1)::bigint * 10 / ${v.visits})::integer, 2, 15) + bench.pick(v, 32, 120) AS d,
  1 + bench.pick(v, 33, 3) AS np,
  (ARRAY['beginner', 'intermediate', 'expert'])[1 + bench.pick(v, 34, 3)] AS expertise,
  CASE WHEN bench.pick(v, 35, 100) < 5 THEN 'Non' ELSE 'Oui' END AS acc,
  time '20:00' + make_interval(mins => bench.pick(v, 39, 180)) AS t0,
  1 + bench.pick(v, 43, ${v.users}) AS obs1) AS a
CROSS JOIN LATERAL (SELECT CASE WHEN a.acc = 'Oui' AND a.np = 1 THEN
  CASE WHEN r < 80 THEN 'existing' WHEN r < 88 THEN 'created' WHEN r < 95 THEN 'restored' ELSE 'destroyed' END
  END AS st FROM (SELECT bench.pick(v, 36, 100) AS r) AS x) AS b`,
    },
    {
      label: 'observations',
      sql: `INSERT INTO bench.src_obs
SELECT o, bench.uid(4, o), a.v, bench.uid(3, a.v), a.p,
  CASE WHEN a.p = 'Oui' THEN (ARRAY[${TAXA}])[1 + bench.pick(o, 52, 12)] END,
  b.ls,
  CASE WHEN b.ls = '2' AND bench.pick(o, 54, 3) > 0 THEN (ARRAY['1', '2', '3', '5'])[1 + bench.pick(o, 55, 4)] END,
  CASE WHEN a.p = 'Oui' THEN (ARRAY['0', '1', '25'])[1 + bench.pick(o, 56, 3)] END,
  b.ct, b.cmin, CASE WHEN b.ct = 'Es' THEN b.cmin + bench.pick(o, 59, 100) END
FROM generate_series(1, ${v.observations}) AS o
CROSS JOIN LATERAL (SELECT 1 + ((o - 1)::bigint * ${v.visits} / ${v.observations})::integer AS v,
  CASE WHEN bench.pick(o, 51, 100) < 4 THEN 'Non' ELSE 'Oui' END AS p) AS a
CROSS JOIN LATERAL (SELECT
  CASE WHEN a.p = 'Oui' THEN CASE WHEN r < 45 THEN '2' WHEN r < 60 THEN '8' WHEN r < 72 THEN '9'
    WHEN r < 82 THEN '3' WHEN r < 92 THEN '6' WHEN r < 97 THEN '1' ELSE '25' END END AS ls,
  CASE WHEN a.p = 'Oui' THEN CASE WHEN bench.pick(o, 57, 5) = 0 THEN 'Es' ELSE 'Co' END END AS ct,
  CASE WHEN a.p = 'Oui' THEN 1 + bench.pick(o, 58, 50) END AS cmin
  FROM (SELECT bench.pick(o, 53, 100) AS r) AS x) AS b`,
    },
  ];
}

const T = MODULE;

/** Into the generated module, through every CHECK and foreign key it declares. */
export const typedLoadSteps: readonly Step[] = [
  {
    label: 'suivi.app_user',
    sql: `INSERT INTO suivi.app_user (id, organisation_id, login, display_name)
SELECT id, '${ORGANISATION}', login, first_name || ' ' || last_name FROM bench.src_user`,
  },
  {
    label: `${T}.sites_group`,
    sql: `INSERT INTO ${T}.sites_group (id, organisation_id, geom, sites_group_name, landscape)
SELECT id, '${ORGANISATION}', ST_MakeEnvelope(cx - 0.06, cy - 0.06, cx + 0.06, cy + 0.06, 4326), name, landscape
FROM bench.src_group`,
  },
  {
    label: `${T}.sites_group__lead_observer`,
    sql: `INSERT INTO ${T}.sites_group__lead_observer (record_id, position, user_id)
SELECT id, 1, bench.uid(9, lead_user) FROM bench.src_group`,
  },
  {
    label: `${T}.site`,
    sql: `INSERT INTO ${T}.site (id, sites_group_id, organisation_id, geom, base_site_name, first_use_date,
  altitude_min, altitude_max, water_body_type, permanence, pond_area, fish_present)
SELECT id, group_id, '${ORGANISATION}', geom, name, first_use_date, altitude_min, altitude_max,
  water_body_type, permanence, pond_area, fish_present
FROM bench.src_site`,
  },
  {
    label: `${T}.visit`,
    sql: `INSERT INTO ${T}.visit (id, site_id, organisation_id, visit_date_min, id_dataset, comments, num_passage,
  expertise, accessibility, inaccessible_reason, site_state, works_date, survey_methods, start_time, end_time,
  water_temperature)
SELECT id, site_id, '${ORGANISATION}', visit_date, '${DATASET}', comments, num_passage, expertise,
  accessibility, inaccessible_reason, site_state, works_date, survey_methods, start_time, end_time,
  water_temperature
FROM bench.src_visit`,
  },
  {
    label: `${T}.visit__observers`,
    sql: `INSERT INTO ${T}.visit__observers (record_id, position, user_id)
SELECT id, 1, bench.uid(9, obs1) FROM bench.src_visit
UNION ALL SELECT id, 2, bench.uid(9, obs2) FROM bench.src_visit WHERE obs2 IS NOT NULL`,
  },
  {
    label: `${T}.observation`,
    sql: `INSERT INTO ${T}.observation (id, visit_id, organisation_id, presence, cd_nom, life_stage, sex,
  detection_method, count_type, count_min, count_max)
SELECT id, visit_id, '${ORGANISATION}', presence, cd_nom, life_stage, sex, detection_method, count_type,
  count_min, count_max
FROM bench.src_obs`,
  },
];

/** `n<alias>.id_nomenclature` of a vocabulary code, the way GeoNature stores it in `data`. */
const nom = (alias: string, type: string, code: string) =>
  `LEFT JOIN bench.nom ${alias} ON ${alias}.type = '${type}' AND ${alias}.code = ${code}`;

/**
 * Into the GeoNature-style layout: generic columns typed, protocol fields as JSON in `data`, keyed by the
 * field names of GeoNature's protocol files (the spec's aliases where it has one), vocabulary values as
 * id_nomenclature, dates and times as strings, a multiple vocabulary as an array of ids.
 */
export const geonatureLoadSteps: readonly Step[] = [
  {
    label: 'utilisateurs.t_roles',
    sql: `INSERT INTO utilisateurs.t_roles (id_role, identifiant, nom_role, prenom_role)
SELECT u, login, last_name, first_name FROM bench.src_user`,
  },
  {
    label: 'ref_nomenclatures (from ref.vocabulary)',
    sql: `INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, label_fr, source)
SELECT type, label_fr, label_fr, source FROM ref.vocabulary_type ORDER BY type;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, label_fr)
SELECT t.id_type, v.code, v.code, v.label_fr, v.label_fr
FROM ref.vocabulary v JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.mnemonique = v.type
ORDER BY v.type, v.code;
CREATE UNLOGGED TABLE bench.nom (type text, code text, id_nomenclature integer, PRIMARY KEY (type, code));
INSERT INTO bench.nom SELECT t.mnemonique, n.cd_nomenclature, n.id_nomenclature
FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t USING (id_type)`,
  },
  {
    label: 'gn_monitoring.t_sites_groups',
    sql: `INSERT INTO gn_monitoring.t_sites_groups (id_sites_group, sites_group_name, data, geom)
SELECT g, name, jsonb_build_object('categories_paysageres', n1.id_nomenclature, 'lead_observer', lead_user),
  ST_MakeEnvelope(cx - 0.06, cy - 0.06, cx + 0.06, cy + 0.06, 4326)
FROM bench.src_group ${nom('n1', 'AMPHI_LANDSCAPE', 'landscape')}`,
  },
  {
    label: 'gn_monitoring.t_base_sites',
    sql: `INSERT INTO gn_monitoring.t_base_sites (id_base_site, base_site_name, first_use_date, geom, altitude_min,
  altitude_max)
SELECT s, name, first_use_date, geom, altitude_min, altitude_max FROM bench.src_site`,
  },
  {
    label: 'gn_monitoring.cor_site_module',
    sql: `INSERT INTO gn_monitoring.cor_site_module (id_base_site, id_module) SELECT s, ${GN_ID_MODULE} FROM bench.src_site`,
  },
  {
    label: 'gn_monitoring.t_site_complements',
    sql: `INSERT INTO gn_monitoring.t_site_complements (id_base_site, id_sites_group, data)
SELECT s, g, jsonb_build_object('milieu_aquatique', n1.id_nomenclature, 'permanence', permanence,
  'pond_area', pond_area, 'fish_present', fish_present)
FROM bench.src_site ${nom('n1', 'AMPHI_WATER_BODY', 'water_body_type')}`,
  },
  {
    label: 'gn_monitoring.t_base_visits',
    sql: `INSERT INTO gn_monitoring.t_base_visits (id_base_visit, id_base_site, id_dataset, id_module,
  visit_date_min, visit_date_max, comments)
SELECT v, s, 1, ${GN_ID_MODULE}, visit_date, visit_date, comments FROM bench.src_visit`,
  },
  {
    label: 'gn_monitoring.cor_visit_observer',
    sql: `INSERT INTO gn_monitoring.cor_visit_observer (id_base_visit, id_role)
SELECT v, obs1 FROM bench.src_visit UNION ALL SELECT v, obs2 FROM bench.src_visit WHERE obs2 IS NOT NULL`,
  },
  {
    label: 'gn_monitoring.t_visit_complements',
    sql: `INSERT INTO gn_monitoring.t_visit_complements (id_base_visit, data)
SELECT v, jsonb_build_object('num_passage', num_passage, 'expertise', expertise,
  'accessibility', accessibility, 'inaccessible_reason', inaccessible_reason, 'etat_site', site_state,
  'date_changement_etat_site', to_char(works_date, 'YYYY-MM-DD'),
  'methode_de_prospection', (SELECT jsonb_agg(n.id_nomenclature ORDER BY u.k)
    FROM unnest(survey_methods) WITH ORDINALITY AS u(code, k)
    JOIN bench.nom n ON n.type = 'AMPHI_SURVEY_METHOD' AND n.code = u.code),
  'Heure_debut', to_char(start_time, 'HH24:MI'), 'Heure_fin', to_char(end_time, 'HH24:MI'),
  'water_temperature', water_temperature)
FROM bench.src_visit`,
  },
  {
    label: 'gn_monitoring.t_observations',
    sql: `INSERT INTO gn_monitoring.t_observations (id_observation, id_base_visit, cd_nom)
SELECT o, v, COALESCE(cd_nom, ${ABSENCE_TAXON}) FROM bench.src_obs`,
  },
  {
    label: 'gn_monitoring.t_observation_complements',
    sql: `INSERT INTO gn_monitoring.t_observation_complements (id_observation, data)
SELECT o, jsonb_build_object('presence', presence, 'id_nomenclature_life_stage', n1.id_nomenclature,
  'id_nomenclature_sex', n2.id_nomenclature, 'id_nomenclature_detection_method', n3.id_nomenclature,
  'id_nomenclature_count_type', n4.id_nomenclature, 'count_min', count_min, 'count_max', count_max)
FROM bench.src_obs ${nom('n1', 'STADE_VIE', 'life_stage')} ${nom('n2', 'SEXE', 'sex')}
  ${nom('n3', 'METH_OBS', 'detection_method')} ${nom('n4', 'TYP_DENBR', 'count_type')}`,
  },
];

export const DROP_SOURCES = 'DROP SCHEMA bench CASCADE';
