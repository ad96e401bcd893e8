/**
 * The migration planner: two resolved protocols (the installed version and the next) → the steps that
 * turn the first one's tables into the second one's, data kept. Pure and deterministic. Both table
 * models come from the SQL generator (schemaModel), paired by level and field ids (pairing.ts,
 * table-pairing.ts), so a changed key is a rename. Steps run in this order (docs/migrations.md):
 *
 *   views dropped → vocabularies upserted → removed/changed constraints dropped → removed fields and
 *   levels archived then dropped → renames → type changes, nullability, defaults → new tables, columns,
 *   indexes → NOT NULLs, removed codes, new constraints (each counted first) → comments
 *
 * and the upgrade then re-runs the module's `derived` SQL (views). A problem the author must fix (a
 * resolution that names no step, a kind change with no cast) throws MigrationPlanError, listing all.
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { sqlLiteral } from '../../protocol-specs/index.ts';
import { GENERATOR_VERSION } from '../core/manifest.ts';
import type { Column } from '../sql/model.ts';
import { ident } from '../sql/names.ts';
import { renderComments } from '../sql/render-tables.ts';
import { schemaModel } from '../sql/tables.ts';
import { renderVocabularies } from '../sql/vocabularies.ts';
import { sameType } from './casts.ts';
import { diffConstraints } from './constraint-diff.ts';
import { constraintSteps, dropSteps, notNullSteps, removedValueSteps } from './constraint-steps.ts';
import { pairProtocols } from './pairing.ts';
import type { PlanContext } from './plan-context.ts';
import type { MigrationPlan, MigrationResolutions } from './plan-types.ts';
import type { PlanProblem } from './resolutions.ts';
import { type DraftStep, finishSteps } from './steps.ts';
import { newColumn, pairModels, type TablePair } from './table-pairing.ts';
import { additionSteps, archiveSteps, columnChangeSteps, renameSteps } from './table-steps.ts';

export const ARCHIVE_SCHEMA = 'suivi_archive';

export class MigrationPlanError extends Error {
  constructor(
    readonly problems: readonly PlanProblem[],
    readonly file?: string,
  ) {
    const where = (p: PlanProblem) => (p.pointer ? `${file ?? 'resolutions'}#${p.pointer}: ` : '');
    super(`the migration cannot be planned:\n${problems.map((p) => `  ${where(p)}${p.message}`).join('\n')}`);
    this.name = 'MigrationPlanError';
  }
}

export function planMigration(
  previous: ResolvedProtocol,
  next: ResolvedProtocol,
  resolutions: MigrationResolutions = {},
): MigrationPlan {
  if (previous.code !== next.code)
    throw new MigrationPlanError([
      { pointer: '', message: `${previous.code} and ${next.code} are different modules` },
    ]);
  if (next.version <= previous.version)
    throw new MigrationPlanError([
      {
        pointer: '',
        message: `version ${next.version} does not follow version ${previous.version}: raise it`,
      },
    ]);
  const ctx = planContext(previous, next);
  const drafts: DraftStep[] = [
    dropViews(ctx),
    ...vocabularySteps(ctx),
    ...dropSteps(ctx),
    ...archiveSteps(ctx),
    ...renameSteps(ctx),
    ...columnChangeSteps(ctx),
    ...additionSteps(ctx),
    ...notNullSteps(ctx),
    ...removedValueSteps(ctx),
    ...constraintSteps(ctx),
    comments(ctx),
  ];
  const steps = finishSteps(
    drafts,
    resolutions,
    { module: ctx.schema, from: ctx.from, to: ctx.to, archiveSchema: ctx.archiveSchema },
    ctx.problems,
  );
  if (ctx.problems.length > 0) throw new MigrationPlanError(ctx.problems);
  return {
    module: next.code,
    from: previous.version,
    to: next.version,
    generatorVersion: GENERATOR_VERSION,
    archiveSchema: ARCHIVE_SCHEMA,
    steps,
  };
}

function planContext(previous: ResolvedProtocol, next: ResolvedProtocol): PlanContext {
  const before = { protocol: previous, model: schemaModel(previous) };
  const after = { protocol: next, model: schemaModel(next) };
  const pairing = pairProtocols(previous, next);
  const tables = pairModels(before, after, pairing);
  const recreated = new Map<TablePair, Set<string>>();
  const retyped = new Map<TablePair, Set<string>>();
  for (const pair of tables.pairs) {
    const counterpart = (c: Column) => pair.next.columns.find((n) => n.name === newColumn(pair, c.name));
    const changed = pair.old.columns.filter((c) => {
      const now = counterpart(c);
      return now !== undefined && now.generatedConstant !== c.generatedConstant;
    });
    recreated.set(pair, new Set(changed.map((c) => c.name)));
    const cast = pair.old.columns.filter((c) => {
      const now = counterpart(c);
      return now !== undefined && !sameType(c.type, now.type);
    });
    retyped.set(pair, new Set(cast.map((c) => c.name)));
  }
  return {
    schema: next.code,
    from: previous.version,
    to: next.version,
    archiveSchema: ARCHIVE_SCHEMA,
    previous: before,
    next: after,
    pairing,
    tables,
    diffs: tables.pairs.map((pair) =>
      diffConstraints(pair, tables, next.code, recreated.get(pair) ?? new Set(), retyped.get(pair)),
    ),
    recreated,
    problems: [],
  };
}

/** Views read the tables' columns: they go first and come back with the module's `derived` SQL. */
function dropViews(ctx: PlanContext): DraftStep {
  const schema = sqlLiteral(ctx.schema);
  return {
    id: 'views.drop',
    class: 'metadata',
    description: {
      fr: 'Vues du module supprimées (recréées à la fin de la mise à jour par son SQL dérivé)',
      en: 'Views of the module dropped (created again at the end of the upgrade by its derived SQL)',
    },
    sql: [
      `DO $$ DECLARE v record; BEGIN FOR v IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${schema} AND c.relkind IN ('v', 'm') LOOP EXECUTE format(CASE v.relkind WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE' ELSE 'DROP VIEW IF EXISTS %I.%I CASCADE' END, ${schema}, v.relname); END LOOP; END $$`,
    ],
  };
}

/** The protocol's vocabularies upserted as a fresh install does, before any constraint needs a new code. */
function vocabularySteps(ctx: PlanContext): DraftStep[] {
  const before = ctx.previous.model.vocabularies;
  const after = ctx.next.model.vocabularies;
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const codes = new Set(before.flatMap((v) => v.values.map((x) => `${v.code} ${x.code}`)));
  const added = after.some((v) => v.values.some((x) => !codes.has(`${v.code} ${x.code}`)));
  return [
    {
      id: 'vocabularies',
      class: added ? 'additive' : 'metadata',
      description: {
        fr: 'Vocabulaires du protocole mis à jour dans ref.vocabulary (les codes retirés y restent)',
        en: 'Protocol vocabularies updated in ref.vocabulary (removed codes stay there)',
      },
      sql: renderVocabularies(after).map((s) => s.trimEnd()),
    },
  ];
}

/** Labels and help are comments: all of them written again, which touches no row. */
function comments(ctx: PlanContext): DraftStep {
  const { model } = ctx.next;
  return {
    id: 'comments',
    class: 'metadata',
    description: {
      fr: 'Commentaires du schéma, des tables et des colonnes (libellés, aides) réécrits',
      en: 'Comments of the schema, tables and columns (labels, help) written again',
    },
    sql: [
      `COMMENT ON SCHEMA ${ident(model.schema)} IS ${sqlLiteral(model.comment)}`,
      ...model.tables.flatMap(renderComments),
    ],
  };
}
