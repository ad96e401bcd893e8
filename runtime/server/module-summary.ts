/** What GET /api/modules says about a module: enough for a client to build its menus and routes. */
import type { GeometryKind, Labels } from '../../protocol-specs/index.ts';
import type { ModuleRuntime } from '../modules/load.ts';

export interface LevelSummary {
  readonly key: string;
  readonly label: Labels;
  readonly plural: Labels;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly geometry: { readonly kind: GeometryKind | 'none'; readonly required: boolean };
}

export interface ModuleSummary {
  readonly code: string;
  readonly label: Labels;
  readonly description?: Labels;
  readonly version: number;
  readonly generatorVersion: string;
  /** Parents before children. */
  readonly levels: readonly LevelSummary[];
}

export const moduleSummary = (m: ModuleRuntime): ModuleSummary => ({
  code: m.code,
  label: m.label,
  ...(m.protocol.description ? { description: m.protocol.description } : {}),
  version: m.version,
  generatorVersion: m.generatorVersion,
  levels: m.levels.map((l) => ({
    key: l.key,
    label: l.label,
    plural: l.plural,
    parents: l.parents,
    children: l.children,
    geometry: l.geometry,
  })),
});
