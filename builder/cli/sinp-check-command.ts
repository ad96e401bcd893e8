/**
 * `suivi sinp-check <folder>`: the SINP conformity report of an installed module's occurrences, as the
 * route `GET /api/exports/<code>/sinp/check` gives it, for a data administrator at the command line
 * (every record: no account, no scope). Prints one line per problem (row id, field, why, in the
 * language asked) and a summary; exit 1 when a row does not conform.
 */
import { checkSinp } from '../../runtime/exports/sinp/sinp-check.ts';
import { loadModules } from '../../runtime/modules/load.ts';
import { UNRESTRICTED } from '../../runtime/records/access.ts';
import { prepareModule } from '../../runtime/records/model/module-plan.ts';
import { type DatabaseCommandOptions, withDatabase } from './database-command.ts';

export interface SinpCheckOptions extends DatabaseCommandOptions {
  readonly lang: 'fr' | 'en';
  readonly json: boolean;
  readonly limit: number;
}

export async function sinpCheckCommand(folder: string, options: SinpCheckOptions): Promise<number> {
  let failed = false;
  const code = await withDatabase(options, async (db) => {
    const [runtime] = await loadModules(db, [folder]);
    if (!runtime) throw new Error(`${folder}: no module`);
    const plan = prepareModule(
      runtime.protocol,
      runtime.model,
      Object.fromEntries(runtime.levels.map((l) => [l.key, l.forms.schema])),
    );
    const occurrence = [...plan.levels.values()].find((p) => p.validated);
    if (!occurrence) throw new Error(`${runtime.code}: no occurrence level / pas de niveau d’occurrences`);
    const report = await checkSinp(
      { db, plan: occurrence, access: UNRESTRICTED, query: { sort: [], filters: [] } },
      options.limit,
    );
    failed = report.problems_total > 0;
    if (options.json) {
      options.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    for (const p of report.problems)
      options.stdout.write(`${p.id} ${p.field} ${p.code}: ${p.reason[options.lang]}\n`);
    const summary =
      options.lang === 'fr'
        ? `${runtime.code} : ${report.conforming}/${report.rows} lignes conformes, ${report.problems_total} problème(s)${report.truncated ? ` (${report.problems.length} listés)` : ''}`
        : `${runtime.code}: ${report.conforming}/${report.rows} rows conform, ${report.problems_total} problem(s)${report.truncated ? ` (${report.problems.length} listed)` : ''}`;
    options.stdout.write(`${summary}\n`);
  });
  return code === 0 && failed ? 1 : code;
}
