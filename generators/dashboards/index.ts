/**
 * The dashboards generator: the occurrence level's aggregates as materialized views
 * (`dashboards.sql`, kind `derived`, so an upgrade drops and rebuilds them) and their descriptor
 * (`dashboards.json`) for the runtime. A protocol without an occurrence mapping has no dashboards.
 */
import { banner, bannerText, JSON_BANNER_KEY, jsonText } from '../core/banner.ts';
import type { GeneratedFile, Generator } from '../core/generated-file.ts';
import { schemaModel } from '../sql/tables.ts';
import { dashboardDescriptor } from './descriptor.ts';
import { renderDashboardViews } from './views.ts';

export const DASHBOARDS_SQL_FILE = 'dashboards.sql';
export const DASHBOARDS_JSON_FILE = 'dashboards.json';

export const dashboardsGenerator: Generator = {
  description:
    'Materialized views of the module dashboards (records per month, status, site, taxon, dimension)',
  generate(protocol, context): GeneratedFile[] {
    const descriptor = dashboardDescriptor(protocol);
    if (!descriptor) return [];
    const sql = renderDashboardViews(protocol, schemaModel(protocol), descriptor);
    return [
      { path: DASHBOARDS_SQL_FILE, contents: `${banner('sql', protocol, context)}\n${sql}`, sql: 'derived' },
      {
        path: DASHBOARDS_JSON_FILE,
        contents: jsonText({ [JSON_BANNER_KEY]: bannerText(protocol, context), ...descriptor }),
      },
    ];
  },
};
