/**
 * `dashboards/dashboards.sql`: the materialized views behind a module's dashboards, one small aggregate
 * each, grouped by `organisation_id` so a reader's scope is a WHERE on the view (docs/dashboards.md).
 * Each has a unique index over its grouping columns: REFRESH MATERIALIZED VIEW CONCURRENTLY needs one.
 * The records are read with their ancestors joined (the SINP view's joins), so the date and taxon are
 * the ones the occurrence mapping names, and a dimension may be a field of the visit or the site.
 */
import { type ResolvedProtocol, sqlLiteral } from '../../protocol-specs/index.ts';
import type { SchemaModel } from '../sql/model.ts';
import { ident, qualified } from '../sql/names.ts';
import { RECORD_ALIAS } from '../sql/views/ancestry.ts';
import { occurrenceSql } from '../sql/views/sinp-view.ts';
import type { DashboardDescriptor, DashboardViewRole } from './descriptor.ts';

interface Aggregate {
  readonly role: DashboardViewRole;
  readonly comment: string;
  /** Grouping columns, `name` ← SQL; also the unique index. */
  readonly keys: readonly { readonly name: string; readonly sql: string }[];
  /** Aggregated columns. */
  readonly values: readonly { readonly name: string; readonly sql: string }[];
  /** Instead of one FROM over the records: a UNION ALL of selects (the dimension view). */
  readonly union?: readonly string[];
  /**
   * Grouped twice (GROUPING SETS): per organisation, and over every organisation (`all_organisations`,
   * organisation_id NULL), with the number of rows of each scope (`scope_rows`: those with a value in
   * the key after the organisation), so a page reads its
   * first rows by index instead of grouping the whole view (the site view). `tieBreak`: the columns
   * ordering rows of equal counts, as the page orders them.
   */
  readonly perScope?: { readonly tieBreak: readonly string[] };
}

export function renderDashboardViews(
  protocol: ResolvedProtocol,
  model: SchemaModel,
  descriptor: DashboardDescriptor,
): string {
  const occurrence = occurrenceSql(protocol, model);
  if (!occurrence) return '';
  const { joined, attribute } = occurrence;
  const r = RECORD_ALIAS;
  const aliasOf = (levelKey: string) => joined.find((j) => j.level.key === levelKey)?.alias ?? r;
  const from = [
    `${qualified({ schema: protocol.code, name: occurrence.level.key })} ${r}`,
    ...joined.flatMap((j) => (j.join ? [j.join] : [])),
  ].join('\n');
  const organisation = { name: 'organisation_id', sql: `${r}.organisation_id` };
  const records = { name: 'records', sql: 'count(*)::integer' };
  const site = descriptor.site;
  const siteAlias = site ? aliasOf(site.level) : undefined;
  const siteLevel = site ? protocol.levels.find((l) => l.key === site.level) : undefined;
  const siteLabel =
    siteAlias && siteLevel?.mapLabel ? `${siteAlias}.${ident(siteLevel.mapLabel)}::text` : 'NULL::text';

  const aggregates: Aggregate[] = [
    {
      role: 'month',
      comment: 'Records per organisation and month (of the occurrence start date), with the sums of measures',
      keys: [organisation, { name: 'month', sql: `date_trunc('month', ${attribute('dateStart')})::date` }],
      values: [
        records,
        ...descriptor.measures.map((m) => ({ name: m.column, sql: `sum(${r}.${ident(m.field)})::float8` })),
      ],
    },
    {
      role: 'status',
      comment: 'Records per organisation and validation status',
      keys: [organisation, { name: 'status', sql: `${r}.validation_status` }],
      values: [records],
    },
    {
      role: 'siteTaxon',
      comment: 'Records per organisation, site and taxon: per-site tables and species richness',
      keys: [
        organisation,
        { name: 'site_id', sql: siteAlias ? `${siteAlias}.id` : 'NULL::uuid' },
        { name: 'site_label', sql: siteLabel },
        { name: 'cd_nom', sql: attribute('taxon') },
      ],
      values: [records],
    },
    {
      role: 'site',
      comment:
        'Records per site, per organisation and over all organisations: the busiest sites and their number read by index',
      perScope: { tieBreak: ['site_label', 'site_id'] },
      keys: [
        organisation,
        { name: 'site_id', sql: siteAlias ? `${siteAlias}.id` : 'NULL::uuid' },
        { name: 'site_label', sql: siteLabel },
      ],
      values: [records],
    },
    {
      role: 'taxon',
      comment: 'Records per organisation and taxon: species richness over any set of organisations',
      keys: [organisation, { name: 'cd_nom', sql: attribute('taxon') }],
      values: [records],
    },
    {
      role: 'dimension',
      comment: 'Records per organisation and value of each field the spec marks as a dimension',
      keys: [organisation, { name: 'field', sql: '' }, { name: 'value', sql: '' }],
      values: [records],
      union: descriptor.dimensions.map((d) =>
        [
          `SELECT ${r}.organisation_id, ${sqlLiteral(d.field)}::text AS field, ${aliasOf(d.level)}.${ident(d.field)}::text AS value, count(*)::integer AS records`,
          `FROM ${from}`,
          'GROUP BY 1, 2, 3',
        ].join('\n'),
      ),
    },
  ];
  return aggregates.map((a) => renderAggregate(protocol.code, descriptor, a, from)).join('\n');
}

function renderAggregate(
  schema: string,
  descriptor: DashboardDescriptor,
  a: Aggregate,
  from: string,
): string {
  const name = descriptor.views[a.role];
  const view = qualified({ schema, name });
  if (a.perScope) return renderPerScope(view, name, a, a.perScope.tieBreak, from);
  const body = a.union
    ? a.union.length > 0
      ? a.union.join('\nUNION ALL\n')
      : // No dimension: the view still exists (same shape in every module), empty.
        'SELECT NULL::uuid AS organisation_id, NULL::text AS field, NULL::text AS value, 0 AS records WHERE FALSE'
    : [
        'SELECT',
        [...a.keys, ...a.values].map((c) => `  ${c.sql} AS ${ident(c.name)}`).join(',\n'),
        `FROM ${from}`,
        `GROUP BY ${a.keys.map((_, i) => i + 1).join(', ')}`,
      ].join('\n');
  const keys = a.keys.map((k) => ident(k.name)).join(', ');
  return [
    `CREATE MATERIALIZED VIEW ${view} AS`,
    `${body};`,
    `CREATE UNIQUE INDEX ${ident(`${name}__key`)} ON ${view} (${keys});`,
    // The richness of the few sites a page shows is read by site: an index led by it.
    ...(a.role === 'siteTaxon'
      ? [`CREATE INDEX ${ident(`${name}__site_id__idx`)} ON ${view} (site_id);`]
      : []),
    `COMMENT ON MATERIALIZED VIEW ${view} IS ${sqlLiteral(a.comment)};`,
    '',
  ].join('\n');
}

/**
 * An aggregate grouped per organisation and over all of them in one pass (GROUPING SETS), each row with
 * the number of rows of its scope; indexed by scope then records (descending), so the busiest rows of a
 * scope and their count are one short index read however many rows the view holds.
 */
function renderPerScope(
  view: string,
  name: string,
  a: Aggregate,
  tieBreak: readonly string[],
  from: string,
): string {
  const [organisation, ...rest] = a.keys;
  if (!organisation) throw new Error(`${name}: a per-scope aggregate is grouped by organisation first`);
  const everyOrganisation = `GROUPING(${organisation.sql}) = 1`;
  const columns = [
    { name: 'all_organisations', sql: everyOrganisation },
    ...a.keys,
    ...a.values,
    {
      name: 'scope_rows',
      // Rows with a value in the first key (sites, not the records without one).
      sql: `(count(${rest[0]?.sql ?? '*'}) OVER (PARTITION BY ${everyOrganisation}, ${organisation.sql}))::integer`,
    },
  ];
  const restSql = rest.map((k) => k.sql).join(', ');
  const keys = ['all_organisations', ...a.keys.map((k) => k.name)].map(ident).join(', ');
  // Two partial indexes in the page's order: over all organisations, and per organisation (whose
  // `organisation_id = $1` the planner takes as fixed; `IS NULL` it would not, hence no single index).
  const order = [...a.values.map((v) => `${ident(v.name)} DESC`), ...tieBreak.map(ident)].join(', ');
  return [
    `CREATE MATERIALIZED VIEW ${view} AS`,
    'SELECT',
    columns.map((c) => `  ${c.sql} AS ${ident(c.name)}`).join(',\n'),
    `FROM ${from}`,
    `GROUP BY GROUPING SETS ((${organisation.sql}, ${restSql}), (${restSql}));`,
    `CREATE UNIQUE INDEX ${ident(`${name}__key`)} ON ${view} (${keys});`,
    `CREATE INDEX ${ident(`${name}__all__idx`)} ON ${view} (${order}) WHERE all_organisations;`,
    `CREATE INDEX ${ident(`${name}__organisation__idx`)} ON ${view} (${ident(organisation.name)}, ${order}) WHERE NOT all_organisations;`,
    `COMMENT ON MATERIALIZED VIEW ${view} IS ${sqlLiteral(a.comment)};`,
    '',
  ].join('\n');
}
