/**
 * A migration plan: how the tables of a module installed at one protocol version become those of the
 * next, as data. Written by the migrations generator beside the module's other files
 * (`migrations/NNNN-v<from>-to-v<to>.json`, its SQL rendered for review in the `.sql` next to it) and
 * read by the runtime's upgrade (runtime/modules/upgrade.ts), which runs it in ONE transaction.
 */
import type { ChangeClass } from '../../protocol-specs/evolution/change-class.ts';
import type { Labels } from '../../protocol-specs/index.ts';

export type { ChangeClass };

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

export interface MigrationStep {
  /** Stable within the plan, e.g. `site.altitude_max.max`: the key a resolution names. */
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  /** Runs first; rows it counts make the upgrade fail unless `resolution` handles them. */
  readonly check?: DataCheck;
  /** How the rows a check finds are dealt with, from the module's resolutions file. */
  readonly resolution?: Labels;
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
