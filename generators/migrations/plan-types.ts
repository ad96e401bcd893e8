/**
 * A migration plan: how the tables of a module installed at one protocol version become those of the
 * next, as data. Written by the migrations generator beside the module's other files
 * (`migrations/NNNN-v<from>-to-v<to>.json`, its SQL rendered for review in the `.sql` next to it) and
 * read by the runtime's upgrade (runtime/modules/upgrade.ts), which runs it in ONE transaction.
 * docs/migrations.md (Migration plans) describes the steps and the resolutions file.
 */
import type { ChangeClass } from '../../protocol-specs/evolution/change-class.ts';
import type { Labels } from '../../protocol-specs/index.ts';

export type { ChangeClass };

/** The folder of a module holding its plans, and a plan's file name: `0002-v1-to-v2.json` (number, from, to). */
export const MIGRATIONS_FOLDER = 'migrations';
export const PLAN_FILE = /^(\d{4})-v(\d+)-to-v(\d+)\.json$/;

/** The rows a data-dependent step would refuse: counted (and sampled) before the step runs. */
export interface DataCheck {
  /** `SELECT count(*)::int AS count FROM …` over the rows that would violate the step. */
  readonly count: string;
  /** The same rows, `id` first then the values at stake, at most 20 of them. */
  readonly sample: string;
  /** Level key and field key the check is about (after renames), for the report. */
  readonly level: string;
  readonly field?: string;
}

/**
 * What the protocol author decided for the rows a check finds (the resolutions file,
 * `<spec folder>/migrations/v<from>-to-v<to>.json`, one entry per step id):
 * - `set`: give them this value;
 * - `map`: replace each listed old value by the new one (removed codes, say);
 * - `archive`: copy the values to the archive schema with their record ids, then empty them;
 * - `keep`: keep them as they are and flag them (`suivi_archive.flagged`); the constraint is added
 *   NOT VALID, so new writes are checked but the flagged rows are not: it stays not validated.
 */
export type Resolution =
  | { readonly set: string | number | boolean | readonly string[] }
  | { readonly map: Readonly<Record<string, string>> }
  | { readonly archive: true }
  | { readonly keep: true };

export const RESOLUTION_KINDS = ['set', 'map', 'archive', 'keep'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** Step id → resolution: the resolutions file, checked (resolutions.ts). */
export type MigrationResolutions = Readonly<Record<string, Resolution>>;

export interface MigrationStep {
  /** Stable within the plan, e.g. `site.altitude_max.max`: the key a resolution names. */
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  /** Runs first; rows it counts make the upgrade fail unless `resolution` handles them. */
  readonly check?: DataCheck;
  /** The resolutions this step's check accepts (present with `check`). */
  readonly accepts?: readonly ResolutionKind[];
  /** How the rows a check finds are dealt with, from the module's resolutions file. */
  readonly resolution?: Labels;
  /** The resolution as the author wrote it, and the statements it runs before the check. */
  readonly resolved?: { readonly with: Resolution; readonly sql: readonly string[] };
  /** Statements, run in order. */
  readonly sql: readonly string[];
}

export interface MigrationPlan {
  readonly module: string;
  readonly from: number;
  readonly to: number;
  readonly generatorVersion: string;
  /** Schema that receives archived data of removed fields and levels. */
  readonly archiveSchema: string;
  readonly steps: readonly MigrationStep[];
}
