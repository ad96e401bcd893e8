/**
 * Import jobs in suivi.import_job: created queued, run, finished with their counts (rows_read =
 * inserted + updated + rejected + skipped, a CHECK of the table), their problems kept beside each
 * row's cells, read back for the API, the CLI and the report.
 */
import { coreDb } from '../../db/core-database.ts';
import type { Database, Queryable } from '../../db/database.ts';
import type { ProblemSpool } from '../engine/problem-spool.ts';
import type {
  ImportAtomicity,
  ImportCounts,
  ImportMode,
  ImportProblem,
  ImportTemplate,
} from '../template.ts';

export interface NewJob {
  readonly template: ImportTemplate;
  readonly templateId?: string | null;
  readonly templateVersion?: number | null;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dryRun: boolean;
  readonly createdBy: string | null;
}

export async function createJob(db: Queryable, job: NewJob): Promise<string> {
  const row = await coreDb(db)
    .insertInto('suivi.import_job')
    .values({
      module_code: job.template.module,
      level_key: job.template.level,
      provider: job.template.provider,
      template: JSON.stringify(job.template),
      template_id: job.templateId ?? null,
      template_version: job.templateVersion ?? null,
      file_name: job.fileName,
      file_sha256: job.fileSha256,
      mode: job.mode,
      atomicity: job.atomicity,
      dry_run: job.dryRun,
      created_by: job.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markRunning(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE suivi.import_job SET status = 'running', started_at = now() WHERE id = $1::uuid`, [
    id,
  ]);
}

/** Problems kept per job, in the order found (the spool's). */
export async function storeProblems(db: Database, id: string, spool: ProblemSpool): Promise<void> {
  let batch: unknown[] = [];
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(
      `INSERT INTO suivi.import_job_problem
         (job_id, seq, row_number, level_key, field, column_name, code, message_fr, message_en, value, cells)
       SELECT $1::uuid, p.seq, p.row_number, p.level_key, p.field, p.column_name, p.code, p.message_fr,
              p.message_en, p.value, p.cells
         FROM jsonb_to_recordset($2::jsonb) AS p(seq int, row_number int, level_key text, field text,
              column_name text, code text, message_fr text, message_en text, value text, cells jsonb)`,
      [id, JSON.stringify(batch)],
    );
    batch = [];
  };
  for await (const { problem: p, cells } of spool.read()) {
    batch.push({
      seq: ++seq,
      row_number: p.row,
      level_key: p.level,
      field: p.field,
      column_name: p.column ?? null,
      code: p.code,
      message_fr: p.message.fr,
      message_en: p.message.en,
      value: p.value ?? null,
      cells,
    });
    if (batch.length >= 500) await flush();
  }
  await flush();
}

export async function finishJob(
  db: Queryable,
  id: string,
  outcome: {
    status: 'done' | 'failed';
    counts?: ImportCounts;
    unmatchedTaxa?: readonly string[];
    error?: string;
  },
): Promise<void> {
  const c = outcome.counts ?? { rows_read: 0, inserted: 0, updated: 0, rejected: 0, skipped: 0 };
  await db.query(
    `UPDATE suivi.import_job SET status = $2, rows_read = $3, inserted = $4, updated = $5, rejected = $6,
            skipped = $7, unmatched_taxa = $8::jsonb, error = $9, finished_at = now()
      WHERE id = $1::uuid`,
    [
      id,
      outcome.status,
      c.rows_read,
      c.inserted,
      c.updated,
      c.rejected,
      c.skipped,
      JSON.stringify(outcome.unmatchedTaxa ?? []),
      outcome.error ?? null,
    ],
  );
}

export interface JobView {
  readonly id: string;
  readonly status: string;
  readonly module_code: string;
  readonly level_key: string;
  readonly provider: string;
  readonly file_name: string;
  readonly file_sha256: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dry_run: boolean;
  readonly template_id: string | null;
  readonly template_version: number | null;
  readonly counts: ImportCounts;
  readonly progress: { readonly rows_done: number; readonly rows_total?: number };
  readonly unmatched_taxa: string[];
  readonly created_by: string | null;
  readonly created_by_name: string | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly error: string | null;
}

/** Rows done of running jobs, kept in memory: the job's transaction hides its rows until it ends. */
export const jobProgress = new Map<string, number>();

const SELECT_JOB = `SELECT j.*, u.display_name AS created_by_name FROM suivi.import_job j
  LEFT JOIN suivi.app_user u ON u.id = j.created_by`;

function view(r: Record<string, unknown>): JobView {
  const counts = {
    rows_read: Number(r.rows_read),
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    rejected: Number(r.rejected),
    skipped: Number(r.skipped),
  };
  const running = r.status === 'running' || r.status === 'queued';
  const id = String(r.id);
  return {
    id,
    status: String(r.status),
    module_code: String(r.module_code),
    level_key: String(r.level_key),
    provider: String(r.provider),
    file_name: String(r.file_name),
    file_sha256: String(r.file_sha256),
    mode: r.mode as ImportMode,
    atomicity: r.atomicity as ImportAtomicity,
    dry_run: Boolean(r.dry_run),
    template_id: (r.template_id as string | null) ?? null,
    template_version: (r.template_version as number | null) ?? null,
    counts,
    progress: { rows_done: running ? (jobProgress.get(id) ?? 0) : counts.rows_read },
    unmatched_taxa: (r.unmatched_taxa as string[]) ?? [],
    created_by: (r.created_by as string | null) ?? null,
    created_by_name: (r.created_by_name as string | null) ?? null,
    created_at: String(r.created_at),
    started_at: (r.started_at as string | null) ?? null,
    finished_at: (r.finished_at as string | null) ?? null,
    error: (r.error as string | null) ?? null,
  };
}

export async function getJob(db: Queryable, id: string): Promise<JobView | undefined> {
  const { rows } = await db.query(`${SELECT_JOB} WHERE j.id = $1::uuid`, [id]);
  return rows[0] ? view(rows[0]) : undefined;
}

/** Newest first; `createdBy` limits to one account's jobs (non-administrators see their own). */
export async function listJobs(
  db: Queryable,
  filter: { module?: string; createdBy?: string; limit?: number },
): Promise<JobView[]> {
  const { rows } = await db.query(
    `${SELECT_JOB} WHERE ($1::text IS NULL OR j.module_code = $1) AND ($2::uuid IS NULL OR j.created_by = $2::uuid)
      ORDER BY j.created_at DESC, j.id LIMIT $3`,
    [filter.module ?? null, filter.createdBy ?? null, filter.limit ?? 200],
  );
  return rows.map(view);
}

/** Earlier jobs that imported a file with this hash: "this file was already imported". */
export async function jobsOfFile(db: Queryable, sha256: string) {
  const { rows } = await db.query<{ id: string; created_at: string; status: string; module_code: string }>(
    `SELECT id, created_at, status, module_code FROM suivi.import_job WHERE file_sha256 = $1 ORDER BY created_at DESC`,
    [sha256],
  );
  return rows;
}

export interface StoredProblem extends ImportProblem {
  readonly cells: Record<string, string>;
}

export async function jobProblems(
  db: Queryable,
  id: string,
  limit?: number,
  after = 0,
): Promise<StoredProblem[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM suivi.import_job_problem WHERE job_id = $1::uuid AND seq > $2 ORDER BY seq LIMIT $3`,
    [id, after, limit ?? 1_000_000_000],
  );
  return rows.map((r) => ({
    row: Number(r.row_number),
    level: String(r.level_key),
    field: String(r.field),
    ...(r.column_name === null ? {} : { column: String(r.column_name) }),
    code: String(r.code),
    message: { fr: String(r.message_fr), en: String(r.message_en) },
    ...(r.value === null ? {} : { value: String(r.value) }),
    cells: r.cells as Record<string, string>,
  }));
}

export async function problemCount(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM suivi.import_job_problem WHERE job_id = $1::uuid',
    [id],
  );
  return rows[0]?.n ?? 0;
}
