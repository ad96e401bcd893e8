/** The shapes of /api/admin/modules (runtime/admin/modules.ts) as the modules panel reads them. */
import type { Labels } from '../../api.ts';

export const CHANGE_CLASSES = ['metadata', 'additive', 'data_dependent', 'destructive', 'rename'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export interface PendingStep {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  readonly plan: string;
}

export interface PendingModule {
  readonly code: string;
  readonly kind: 'upgrade' | 'failed';
  readonly folder: string;
  readonly installed_version: number | null;
  readonly folder_version: number | null;
  readonly serving: boolean;
  readonly reason: string;
  readonly plan: {
    readonly found: boolean;
    readonly message?: string;
    readonly steps: readonly PendingStep[];
  };
}

export interface AdminModule {
  readonly code: string;
  readonly label: Labels;
  readonly version: number;
  readonly served_version: number | null;
  readonly installed_at: string;
  readonly installed_by: { readonly login: string } | null;
  readonly history: readonly { readonly id: number; readonly version: number; readonly change: string }[];
  readonly rows: Readonly<Record<string, number>> | null;
  readonly pending: PendingModule | null;
}

export interface AvailableFolder {
  readonly folder: string;
  readonly code: string;
  readonly version: number | null;
  readonly label: string;
}

export interface ModulesAnswer {
  readonly modules: readonly AdminModule[];
  readonly unavailable: readonly PendingModule[];
  readonly available: readonly AvailableFolder[];
}

/** What the upgrade answers, or carries in its 409 (`upgrade_refused`). */
export interface UpgradeReport {
  readonly status: 'upgraded' | 'dry_run' | 'refused';
  readonly from: number;
  readonly to: number;
  readonly steps: readonly UpgradeStepReport[];
  /** Why it was refused before any step ran. */
  readonly reason?: Labels;
}

/** One step of runtime/modules/upgrade.ts's report. */
export interface UpgradeStepReport {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  /** Rows its check found; with a sample of them (`{ id, … }`). */
  readonly rows?: number;
  readonly sample?: readonly unknown[];
  readonly ok: boolean;
  readonly error?: string;
}
