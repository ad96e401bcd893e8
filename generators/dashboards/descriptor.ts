/**
 * What the runtime needs to read a module's dashboards (`dashboards/dashboards.json`): the materialized
 * views' names, the dimensions and measures the spec marks, with their labels. The runtime reads this
 * file and never looks at the spec itself (README's "runtime reads what the generators emit").
 */
import type { Labels, ResolvedField, ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';
import { ancestry } from '../sql/views/ancestry.ts';

/** The four materialized views, by role: their names in the module's schema. */
export const DASHBOARD_VIEWS = {
  month: 'dash_month',
  status: 'dash_status',
  dimension: 'dash_dimension',
  siteTaxon: 'dash_site_taxon',
  site: 'dash_site',
  taxon: 'dash_taxon',
} as const;
export type DashboardViewRole = keyof typeof DASHBOARD_VIEWS;

export interface DashboardDimension {
  readonly level: string;
  readonly field: string;
  readonly label: Labels;
  /** Every value the field can hold, with its label, in the spec's order. */
  readonly values: readonly { readonly code: string; readonly label: Labels }[];
}

export interface DashboardMeasure {
  readonly field: string;
  /** Column of `dash_month` holding the monthly sum. */
  readonly column: string;
  readonly label: Labels;
  readonly unit?: string;
}

export interface DashboardDescriptor {
  /** The occurrence level: the records counted. */
  readonly level: string;
  readonly levelLabel: Labels;
  /** The level whose records are "sites" (type `site`, the record's own or an ancestor), if any. */
  readonly site?: { readonly level: string; readonly label: Labels };
  readonly views: typeof DASHBOARD_VIEWS;
  readonly dimensions: readonly DashboardDimension[];
  readonly measures: readonly DashboardMeasure[];
}

export const measureColumn = (field: string): string => `${field}_sum`;

/** Fields of a level that dashboards may read: never group rows (their own tables). */
const ownFields = (level: ResolvedLevel): readonly ResolvedField[] => level.fields;

export function dashboardDescriptor(protocol: ResolvedProtocol): DashboardDescriptor | undefined {
  const level = protocol.levels.find((l) => l.key === protocol.occurrence?.level);
  if (!level) return undefined;
  const joined = ancestry(protocol, level);
  const site = joined.find((j) => j.level.type === 'site')?.level;
  const dimensions = joined.flatMap((j) =>
    ownFields(j.level)
      .filter((f) => f.dimension === true)
      .flatMap((f): DashboardDimension[] => {
        if (f.kind === 'choice' && !f.multiple)
          return [
            {
              level: j.level.key,
              field: f.key,
              label: f.label,
              values: f.choices.map((c) => ({ code: c.value, label: c.label })),
            },
          ];
        if (f.kind === 'vocabulary' && !f.multiple) {
          const vocabulary = protocol.vocabularies.find((v) => v.code === f.vocabulary);
          const labelOf = (code: string) =>
            vocabulary?.values.find((v) => v.code === code)?.label ?? { fr: code };
          return [
            {
              level: j.level.key,
              field: f.key,
              label: f.label,
              values: f.codes.map((code) => ({ code, label: labelOf(code) })),
            },
          ];
        }
        return [];
      }),
  );
  const measures = ownFields(level).flatMap((f): DashboardMeasure[] =>
    f.measure === 'sum' && (f.kind === 'integer' || f.kind === 'decimal')
      ? [{ field: f.key, column: measureColumn(f.key), label: f.label, ...(f.unit ? { unit: f.unit } : {}) }]
      : [],
  );
  return {
    level: level.key,
    levelLabel: level.plural,
    ...(site ? { site: { level: site.key, label: site.label } } : {}),
    views: DASHBOARD_VIEWS,
    dimensions,
    measures,
  };
}
