/**
 * The queries timed side by side, each written the natural way for its layout: typed columns and the
 * generated indexes on one side; on the other what GeoNature Monitoring's API does (`filter_by_specific`:
 * `data->>'key' ILIKE '%value%'` for a text or choice field, a join of `(data->>'key')::int` to
 * t_nomenclatures filtered on `label_default ILIKE 'value%'` for a nomenclature; sort on a model column)
 * or what an analyst writes against gn_monitoring (join the nomenclature for a label, cast JSON text).
 *
 * Every value an answer is compared on is cast in SQL (`::int`, `to_char`), so both drivers return the same
 * JavaScript values. `compare` names the columns that must be equal row by row: a page sorted on a key
 * with ties may hold different rows of the same key, so pages compare on their sort key only.
 */
import { GN_ID_MODULE } from './data.ts';

export interface QueryPair {
  readonly name: string;
  readonly typed: string;
  readonly jsonb: string;
  /** Columns that must be equal row by row; all columns when absent. */
  readonly compare?: readonly string[];
}

const M = 'amphibiens_mares';
const GN = 'gn_monitoring';
/** A box of 1° × 0.5° in central France (≈ 0.5 % of the area the sites are spread over). */
const BBOX = 'ST_MakeEnvelope(2.0, 46.0, 3.0, 46.5, 4326)';
const FROM_DATE = "'2020-01-01'";
const TO_DATE = "'2021-12-31'";
/** Page 21 of the visits list. */
const PAGE = 'LIMIT 50 OFFSET 1000';

export const QUERY_PAIRS: readonly QueryPair[] = [
  {
    name: '1a filter: obs., life stage = Têtard (count)',
    typed: `SELECT count(*)::int AS n FROM ${M}.observation WHERE life_stage = '8'`,
    // GeoNature's API filter for a nomenclature field; no module filter (this layout holds one module).
    jsonb: `SELECT count(*)::int AS n
FROM ${GN}.t_observations o
JOIN ${GN}.t_observation_complements oc ON oc.id_observation = o.id_observation
JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = (oc.data->>'id_nomenclature_life_stage')::int
WHERE n.label_default ILIKE 'Têtard%'`,
  },
  {
    name: '1b filter: visits, accessible = Non (page 50)',
    typed: `SELECT to_char(visit_date_min, 'YYYY-MM-DD') AS date, num_passage, accessibility
FROM ${M}.visit WHERE accessibility = 'Non'
ORDER BY visit_date_min DESC, num_passage DESC LIMIT 50`,
    jsonb: `SELECT to_char(v.visit_date_min, 'YYYY-MM-DD') AS date, (vc.data->>'num_passage')::int AS num_passage,
  vc.data->>'accessibility' AS accessibility
FROM ${GN}.t_base_visits v JOIN ${GN}.t_visit_complements vc ON vc.id_base_visit = v.id_base_visit
WHERE v.id_module = ${GN_ID_MODULE} AND vc.data->>'accessibility' ILIKE '%Non%'
ORDER BY v.visit_date_min DESC LIMIT 50`,
    compare: ['date', 'accessibility'],
  },
  {
    name: '2  count by life stage × year',
    typed: `SELECT voc.label_fr AS label, extract(year FROM v.visit_date_min)::int AS year, count(*)::int AS n
FROM ${M}.observation o
JOIN ${M}.visit v ON v.id = o.visit_id
LEFT JOIN ref.vocabulary voc ON voc.type = 'STADE_VIE' AND voc.code = o.life_stage
GROUP BY 1, 2 ORDER BY 1, 2`,
    jsonb: `SELECT n.label_default::text AS label, extract(year FROM v.visit_date_min)::int AS year, count(*)::int AS n
FROM ${GN}.t_observations o
JOIN ${GN}.t_observation_complements oc ON oc.id_observation = o.id_observation
JOIN ${GN}.t_base_visits v ON v.id_base_visit = o.id_base_visit
LEFT JOIN ref_nomenclatures.t_nomenclatures n
  ON n.id_nomenclature = (oc.data->>'id_nomenclature_life_stage')::int
WHERE v.id_module = ${GN_ID_MODULE}
GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    name: '3  bbox: visits of sites in box, 2 years',
    typed: `SELECT s.base_site_name AS site, to_char(v.visit_date_min, 'YYYY-MM-DD') AS date
FROM ${M}.site s JOIN ${M}.visit v ON v.site_id = s.id
WHERE ST_Intersects(s.geom, ${BBOX}) AND v.visit_date_min BETWEEN ${FROM_DATE} AND ${TO_DATE}
ORDER BY 2, 1`,
    jsonb: `SELECT s.base_site_name::text AS site, to_char(v.visit_date_min, 'YYYY-MM-DD') AS date
FROM ${GN}.t_base_sites s JOIN ${GN}.t_base_visits v ON v.id_base_site = s.id_base_site
WHERE ST_Intersects(s.geom, ${BBOX}) AND v.visit_date_min BETWEEN ${FROM_DATE} AND ${TO_DATE}
  AND v.id_module = ${GN_ID_MODULE}
ORDER BY 2, 1`,
  },
  {
    name: '4  list: visits page 21, date desc',
    // The level's list columns (num_passage, visit_date_min, accessibility, observers) and its sort. Both
    // sides page first, then name the observers of the 50 rows (GeoNature's ORM loads them per page).
    typed: `SELECT to_char(p.visit_date_min, 'YYYY-MM-DD') AS date, p.num_passage, p.accessibility,
  (SELECT string_agg(u.display_name, ', ' ORDER BY o.position)
   FROM ${M}.visit__observers o JOIN suivi.app_user u ON u.id = o.user_id WHERE o.record_id = p.id) AS observers
FROM (SELECT id, visit_date_min, num_passage, accessibility FROM ${M}.visit
      ORDER BY visit_date_min DESC, num_passage DESC ${PAGE}) AS p
ORDER BY p.visit_date_min DESC, p.num_passage DESC`,
    // GeoNature sorts on a model column only (`sort()` takes getattr(model, label)).
    jsonb: `SELECT to_char(p.visit_date_min, 'YYYY-MM-DD') AS date, (p.data->>'num_passage')::int AS num_passage,
  p.data->>'accessibility' AS accessibility,
  (SELECT string_agg(r.prenom_role || ' ' || r.nom_role, ', ')
   FROM ${GN}.cor_visit_observer c JOIN utilisateurs.t_roles r ON r.id_role = c.id_role
   WHERE c.id_base_visit = p.id_base_visit) AS observers
FROM (SELECT v.id_base_visit, v.visit_date_min, vc.data
      FROM ${GN}.t_base_visits v JOIN ${GN}.t_visit_complements vc ON vc.id_base_visit = v.id_base_visit
      WHERE v.id_module = ${GN_ID_MODULE} ORDER BY v.visit_date_min DESC ${PAGE}) AS p
ORDER BY p.visit_date_min DESC`,
    compare: ['date'],
  },
];

/** The rows an answer is judged on, as one comparable string per row. */
export function fingerprint(rows: readonly Record<string, unknown>[], compare?: readonly string[]): string[] {
  return rows.map((row) => JSON.stringify((compare ?? Object.keys(row)).map((c) => row[c] ?? null)));
}
