/**
 * Steps as the planner drafts them, then finished into plan steps: ids made unique, checks written as
 * count and sample queries, and each resolution the author wrote checked against what the step accepts
 * and turned into its statements.
 */
import type { Labels } from '../../protocol-specs/index.ts';
import { ident, qualified } from '../sql/names.ts';
import type {
  ChangeClass,
  DataCheck,
  MigrationResolutions,
  MigrationStep,
  ResolutionKind,
} from './plan-types.ts';
import {
  type CheckTarget,
  describeResolution,
  type PlanProblem,
  type ResolutionContext,
  recordIdColumn,
  resolutionKind,
  resolutionSql,
} from './resolutions.ts';

export interface DraftStep {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  readonly sql: readonly string[];
  /** The rows to count first, for data-dependent steps. */
  readonly target?: CheckTarget;
  readonly accepts?: readonly ResolutionKind[];
  /** What runs instead of `sql` when the author keeps and flags the failing rows (the constraint NOT VALID). */
  readonly keepSql?: readonly string[];
}

export const SAMPLE_SIZE = 20;

export function dataCheck(target: CheckTarget): DataCheck {
  const from = `FROM ${qualified(target.table)} AS t WHERE ${target.predicate}`;
  const id = ident(recordIdColumn(target.table));
  const value = target.column ? `, ${ident(target.column.name)} AS value` : '';
  return {
    count: `SELECT count(*)::int AS count ${from}`,
    sample: `SELECT ${id} AS id${value} ${from} ORDER BY ${id} LIMIT ${SAMPLE_SIZE}`,
    level: target.level,
    ...(target.field === undefined ? {} : { field: target.field }),
  };
}

/** Unique ids (a clash gets `~2`, `~3`…), checks and resolutions. */
export function finishSteps(
  drafts: readonly DraftStep[],
  resolutions: MigrationResolutions,
  context: Omit<ResolutionContext, 'stepId'>,
  problems: PlanProblem[],
): MigrationStep[] {
  const seen = new Map<string, number>();
  const steps = drafts.map((draft): MigrationStep => {
    const n = (seen.get(draft.id) ?? 0) + 1;
    seen.set(draft.id, n);
    const id = n === 1 ? draft.id : `${draft.id}~${n}`;
    const base = { id, class: draft.class, description: draft.description, sql: draft.sql };
    if (!draft.target) return base;
    const accepts = draft.accepts ?? [];
    const resolution = resolutions[id];
    if (!resolution) return { ...base, check: dataCheck(draft.target), accepts };
    const kind = resolutionKind(resolution);
    if (!accepts.includes(kind)) {
      problems.push({
        pointer: `/${id}`,
        message: `step ${id} accepts ${accepts.length === 0 ? 'no resolution' : accepts.join(', ')}, not ${kind}`,
      });
      return { ...base, check: dataCheck(draft.target), accepts };
    }
    return {
      ...base,
      sql: kind === 'keep' && draft.keepSql ? draft.keepSql : draft.sql,
      check: dataCheck(draft.target),
      accepts,
      resolution: describeResolution(resolution),
      resolved: {
        with: resolution,
        sql: resolutionSql(draft.target, resolution, { ...context, stepId: id }),
      },
    };
  });
  const checked = new Set(steps.filter((s) => s.check).map((s) => s.id));
  for (const id of Object.keys(resolutions).sort()) {
    if (checked.has(id)) continue;
    const known = steps.some((s) => s.id === id);
    problems.push({
      pointer: `/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      message: known
        ? `step ${id} checks no rows: it needs no resolution`
        : `no step ${id} in the plan from v${context.from} to v${context.to}; steps with a check: ${[...checked].join(', ') || 'none'}`,
    });
  }
  return steps;
}
