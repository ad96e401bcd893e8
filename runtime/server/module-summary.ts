/** What GET /api/modules says about a module: enough for a client to build its menus and routes. */
import type { ChangeClass } from '../../protocol-specs/evolution/change-class.ts';
import type { GeometryKind, Labels } from '../../protocol-specs/index.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { stepCounts } from '../modules/pending-plan.ts';
import type { ModuleRegistry, PendingModule } from '../modules/registry.ts';

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
  /** The module's folder has a newer version than the one served, waiting for an administrator. */
  readonly pendingUpgrade: PendingUpgradeSummary | null;
}

export interface PendingUpgradeSummary {
  readonly installedVersion: number | null;
  readonly folderVersion: number | null;
  /** Whether the folder holds a plan chain from the installed version. */
  readonly hasPlan: boolean;
  /** Steps of that chain per class (all zero without one). */
  readonly steps: Readonly<Record<ChangeClass, number>>;
}

export const pendingSummary = (p: PendingModule): PendingUpgradeSummary => ({
  installedVersion: p.installedVersion,
  folderVersion: p.folderVersion,
  hasPlan: p.plan?.found === true,
  steps: stepCounts(p.plan?.found ? p.plan.steps : []),
});

export const moduleSummary = (m: ModuleRuntime, pending?: PendingModule): ModuleSummary => ({
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
  pendingUpgrade: pending?.kind === 'upgrade' ? pendingSummary(pending) : null,
});

/** GET /api/modules: every module served, with its pending upgrade. */
export const moduleList = (registry: ModuleRegistry): { modules: ModuleSummary[] } => ({
  modules: registry.runtimes().map((m) => moduleSummary(m, registry.pendingOf(m.code))),
});
