/**
 * `suivi import <module> <level> <file> --template <t.json>`: one provider file into an installed
 * module, through the same engine as the web wizard (runtime/import): a job recorded in the database,
 * a progress bar on a terminal (plain lines otherwise), a summary, and the report of the problems
 * written beside the file. Exit code 1 when the job failed (in all_or_nothing mode, any refused row).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { coreDb } from '../../runtime/db/core-database.ts';
import type { Database } from '../../runtime/db/database.ts';
import { executeJob } from '../../runtime/import/jobs/execute-job.ts';
import { createJob, jobProblems } from '../../runtime/import/jobs/job-store.ts';
import { reportStream } from '../../runtime/import/report.ts';
import type { ImportAtomicity, ImportMode, ImportTemplate } from '../../runtime/import/template.ts';
import { loadInstalledModule } from '../../runtime/modules/module-version.ts';
import { UNRESTRICTED } from '../../runtime/records/access.ts';
import { prepareModule } from '../../runtime/records/model/module-plan.ts';
import { type DatabaseCommandOptions, withDatabase } from './database-command.ts';

export interface ImportCommandOptions extends DatabaseCommandOptions {
  readonly template: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dryRun: boolean;
  /** Login of the account the records are written as (their organisation); none: no account. */
  readonly user?: string;
  /** Where the report goes (default: <file>.report.csv, written only when there are problems). */
  readonly report?: string;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Lines of a text file, counted while streaming: the progress bar's total for CSV. */
async function lineCount(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return n;
}

async function actorOf(db: Database, login: string | undefined) {
  if (!login) return { userId: null, organisationId: null };
  const user = await coreDb(db)
    .selectFrom('suivi.app_user')
    .select(['id', 'organisation_id', 'is_admin'])
    .where('login', '=', login)
    .executeTakeFirst();
  if (!user) throw new Error(`--user ${login}: no such account`);
  return { userId: user.id, organisationId: user.organisation_id, isAdmin: user.is_admin };
}

export async function importCommand(
  module: string,
  level: string,
  file: string,
  options: ImportCommandOptions,
): Promise<number> {
  let failed = false;
  const code = await withDatabase(options, async (db) => {
    const template = JSON.parse(await readFile(options.template, 'utf8')) as ImportTemplate;
    if (template.module !== module || template.level !== level)
      throw new Error(
        `${options.template}: the template imports ${template.module}/${template.level}, not ${module}/${level}`,
      );
    const runtime = await loadInstalledModule(db, module);
    const plan = prepareModule(
      runtime.protocol,
      runtime.model,
      Object.fromEntries(runtime.levels.map((l) => [l.key, l.forms.schema])),
    );
    const actor = await actorOf(db, options.user);
    const hash = await sha256(file);
    const { rows: earlier } = await db.query<{ id: string; created_at: string }>(
      `SELECT id, created_at FROM suivi.import_job WHERE file_sha256 = $1 AND NOT dry_run ORDER BY created_at`,
      [hash],
    );
    for (const e of earlier)
      options.stderr.write(`warning: this file was already imported (job ${e.id}, ${e.created_at})\n`);
    const jobId = await createJob(db, {
      template,
      fileName: basename(file),
      fileSha256: hash,
      mode: options.mode,
      atomicity: options.atomicity,
      dryRun: options.dryRun,
      createdBy: actor.userId,
    });
    const tty = options.stderr.isTTY === true;
    const total =
      template.source.format === 'csv' || file.toLowerCase().endsWith('.csv') ? await lineCount(file) : 0;
    const bar = tty
      ? new cliProgress.SingleBar(
          {
            format: 'import [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted}',
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(Math.max(total, 1), 0);
    let lastLine = 0;
    const result = await executeJob({
      db,
      modules: new Map([[module, plan]]),
      actor,
      access: UNRESTRICTED,
      jobId,
      template,
      path: file,
      fileName: basename(file),
      mode: options.mode,
      atomicity: options.atomicity,
      dryRun: options.dryRun,
      onProgress: (n) => {
        if (bar) bar.update(Math.min(n, Math.max(total, n)), { total: Math.max(total, n) });
        else if (n - lastLine >= 10_000) {
          lastLine = n;
          options.stderr.write(`${n} rows\n`);
        }
      },
    });
    bar?.stop();
    const c = result.counts ?? { rows_read: 0, inserted: 0, updated: 0, rejected: 0, skipped: 0 };
    options.stdout.write(
      `job ${jobId}${options.dryRun ? ' (dry run: nothing written)' : ''}: ${result.status}\n` +
        `rows read ${c.rows_read} = inserted ${c.inserted} + updated ${c.updated} + rejected ${c.rejected} + skipped ${c.skipped}\n`,
    );
    if ('error' in result && result.error) options.stdout.write(`${result.error}\n`);
    if (result.unmatchedTaxa && result.unmatchedTaxa.length > 0)
      options.stdout.write(`taxa not found: ${result.unmatchedTaxa.join(', ')}\n`);
    const first = await jobProblems(db, jobId, 20);
    for (const p of first)
      options.stdout.write(
        `  row ${p.row} ${p.level}.${p.field || '*'}${p.column ? ` [${p.column}]` : ''}: ${p.code}: ${p.message.en}\n`,
      );
    if (first.length > 0) {
      const path = options.report ?? `${file}.report.csv`;
      const format = path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
      await pipeline(Readable.fromWeb(reportStream(db, jobId, format) as never), createWriteStream(path));
      options.stdout.write(`report: ${path}\n`);
    }
    failed = result.status === 'failed';
  });
  return code !== 0 ? code : failed ? 1 : 0;
}
