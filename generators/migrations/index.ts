/**
 * The migration files of a module folder (`migrations/`): the history of its plans, kept as they were
 * written, plus the plan from the version the folder held before to the spec's version. Pure: the CLI
 * reads the previous folder and the resolutions files and passes them in (GeneratorContext.previous).
 *
 * - previous version lower: a new plan `NNNN-v<from>-to-v<to>.json` (+ `.sql` for review), and the
 *   previous resolved protocol `v<from>.resolved.json`, so the plan can be made again later;
 * - same version, same schema: the files are kept; the last plan is made again from its stored
 *   protocol, so an edited resolutions file takes effect (and `generate --check` sees a stale plan);
 * - same version, another schema, or a lower version: refused (MigrationPlanError).
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { bannerText, JSON_BANNER_KEY, jsonText } from '../core/banner.ts';
import type { GeneratedFile, GeneratorContext } from '../core/generated-file.ts';

export type { PreviousGeneration } from '../core/generated-file.ts';

import { schemaModel } from '../sql/tables.ts';
import { MigrationPlanError, planMigration } from './plan.ts';
import { MIGRATIONS_FOLDER, type MigrationPlan, PLAN_FILE } from './plan-types.ts';
import { renderPlan } from './render-plan.ts';
import { readResolutions } from './resolutions.ts';

export { MIGRATIONS_FOLDER };

/** `v1-to-v2`: the name of a transition, and of its resolutions file (`<spec folder>/migrations/v1-to-v2.json`). */
export const transitionName = (from: number, to: number) => `v${from}-to-v${to}`;

export function migrationFiles(protocol: ResolvedProtocol, context: GeneratorContext): GeneratedFile[] {
  const previous = context.previous;
  if (!previous) return [];
  const kept = new Map(previous.migrations.map((f) => [f.path, f.contents]));
  const from = previous.protocol;
  if (from && from.code !== protocol.code)
    throw new MigrationPlanError([
      {
        pointer: '',
        message: `the folder holds module ${from.code}, not ${protocol.code}: choose another --out`,
      },
    ]);
  if (from && from.version > protocol.version)
    throw new MigrationPlanError([
      {
        pointer: '',
        message: `the folder holds version ${from.version}, newer than the spec's ${protocol.version}`,
      },
    ]);
  if (from && from.version < protocol.version) {
    const number = [...kept.keys()].filter((p) => PLAN_FILE.test(p)).length + 2;
    for (const file of planFiles(from, protocol, context, number)) kept.set(file.path, file.contents);
  } else if (from) {
    if (JSON.stringify(schemaModel(from)) !== JSON.stringify(schemaModel(protocol)))
      throw new MigrationPlanError([
        {
          pointer: '',
          message: `version ${protocol.version} is already generated with another schema: raise the spec's version to plan a migration`,
        },
      ]);
    const last = lastPlanTo(kept, protocol.version);
    const stored = last && kept.get(storedProtocolPath(last.from));
    if (last && stored) {
      const older = (JSON.parse(stored) as { protocol: ResolvedProtocol }).protocol;
      for (const file of planFiles(older, protocol, context, last.number)) kept.set(file.path, file.contents);
    }
  }
  return [...kept]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, contents]) => ({
      path,
      contents,
      ...(path.endsWith('.sql') ? { sql: 'migration' as const } : {}),
    }));
}

const storedProtocolPath = (version: number) => `v${version}.resolved.json`;

function lastPlanTo(
  files: ReadonlyMap<string, string>,
  version: number,
): { number: number; from: number } | undefined {
  const plans = [...files.keys()].flatMap((p) => {
    const m = PLAN_FILE.exec(p);
    return m && Number(m[3]) === version ? [{ number: Number(m[1]), from: Number(m[2]) }] : [];
  });
  return plans.sort((a, b) => b.number - a.number)[0];
}

function planFiles(
  from: ResolvedProtocol,
  to: ResolvedProtocol,
  context: GeneratorContext,
  number: number,
): GeneratedFile[] {
  const name = transitionName(from.version, to.version);
  const raw = context.previous?.resolutions[name];
  const file = `${MIGRATIONS_FOLDER}/${name}.json`;
  const read = raw === undefined ? { resolutions: {}, problems: [] } : readResolutions(raw);
  if (read.problems.length > 0) throw new MigrationPlanError(read.problems, file);
  let plan: MigrationPlan;
  try {
    plan = planMigration(from, to, read.resolutions);
  } catch (error) {
    if (error instanceof MigrationPlanError) throw new MigrationPlanError(error.problems, file);
    throw error;
  }
  const base = `${String(number).padStart(4, '0')}-${name}`;
  const banner = bannerText(to, context);
  return [
    { path: `${base}.json`, contents: jsonText({ [JSON_BANNER_KEY]: banner, ...plan }) },
    { path: `${base}.sql`, contents: renderPlan(plan, `-- ${banner}\n`) },
    {
      path: storedProtocolPath(from.version),
      contents: jsonText({
        [JSON_BANNER_KEY]: `The resolved protocol ${from.code} v${from.version}, as installed before ${base}: kept so the plan can be made again. ${banner}`,
        protocol: from,
      }),
    },
  ];
}
