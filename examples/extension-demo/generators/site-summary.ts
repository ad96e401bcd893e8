/**
 * A custom generator (docs/generators.md#extension-points): for a protocol whose visits hang under a
 * site level, a per-site summary table (visit count, last visit date) that a trigger keeps up to date,
 * so a map or a report reads one row per site instead of aggregating every visit.
 *
 * - `001-table.sql`, kind `install`: the table, created once with the module (it holds data an
 *   extension may add to: `first_occupied_*`, filled by the demo's afterCreate hook);
 * - `002-trigger.sql`, kind `derived`: the trigger function and the trigger, written to be re-run
 *   (`CREATE OR REPLACE`, `DROP TRIGGER IF EXISTS`), as install runs derived files again after upgrades.
 *
 * Protocols without a site level and a visit level under it get no files.
 */

import { banner } from '../../../generators/core/banner.ts';
import type { Generator } from '../../../generators/core/generated-file.ts';
import { ident } from '../../../generators/sql/names.ts';
import type { ResolvedProtocol } from '../../../protocol-specs/index.ts';

function siteAndVisit(protocol: ResolvedProtocol) {
  const site = protocol.levels.find((l) => l.type === 'site');
  const visit = protocol.levels.find((l) => l.type === 'visit' && site && l.parents.includes(site.key));
  return site && visit ? { site: site.key, visit: visit.key } : undefined;
}

const siteSummary: Generator = {
  description: 'A per-site summary of visits (count, last date), kept up to date by a trigger',
  generate(protocol, context) {
    const levels = siteAndVisit(protocol);
    if (!levels) return [];
    const schema = ident(protocol.code);
    const site = `${schema}.${ident(levels.site)}`;
    const visit = `${schema}.${ident(levels.visit)}`;
    const link = ident(`${levels.site}_id`);
    const table = `${schema}.site_summary`;
    const head = banner('sql', protocol, context);
    const tableSql = `${head}
CREATE TABLE ${table} (
  site_id uuid PRIMARY KEY REFERENCES ${site} (id) ON DELETE CASCADE,
  visit_count integer NOT NULL DEFAULT 0,
  last_visit_date date,
  first_occupied_on date,
  first_occupied_by uuid
);
COMMENT ON TABLE ${table} IS 'Per-site summary of visits, kept by the trigger site_summary_refresh (generator site_summary).';
`;
    const triggerSql = `${head}
CREATE OR REPLACE FUNCTION ${schema}.site_summary_of(site uuid) RETURNS void LANGUAGE sql AS $body$
  INSERT INTO ${table} AS s (site_id, visit_count, last_visit_date)
  SELECT site, count(*)::integer, max(v.visit_date_min) FROM ${visit} v WHERE v.${link} = site
  ON CONFLICT (site_id) DO UPDATE SET visit_count = EXCLUDED.visit_count, last_visit_date = EXCLUDED.last_visit_date;
$body$;

CREATE OR REPLACE FUNCTION ${schema}.site_summary_refresh() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ${schema}.site_summary_of(OLD.${link}); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM ${schema}.site_summary_of(NEW.${link}); END IF;
  RETURN NULL;
END;
$body$;

DROP TRIGGER IF EXISTS site_summary_refresh ON ${visit};
CREATE TRIGGER site_summary_refresh AFTER INSERT OR DELETE OR UPDATE OF ${link}, visit_date_min ON ${visit}
  FOR EACH ROW EXECUTE FUNCTION ${schema}.site_summary_refresh();
`;
    return [
      { path: '001-table.sql', contents: tableSql, sql: 'install' },
      { path: '002-trigger.sql', contents: triggerSql, sql: 'derived' },
    ];
  },
};

export default siteSummary;
