/**
 * Writing one row's records through the record operations themselves (validate, then create or
 * update), so an import accepts exactly what the form and the API accept, with their codes and
 * messages, and the database's constraints have the last word. Each write is a savepoint of the
 * import's transaction (nested-db.ts); a refusal becomes the row's problems.
 */
import type { ResolvedLevel } from '../../../protocol-specs/index.ts';
import type { Queryable } from '../../db/database.ts';
import { isHttpError } from '../../http/errors.ts';
import type { LevelPlan } from '../../records/model/module-plan.ts';
import type { RecordOperations } from '../../records/operations.ts';
import { apiEnglish } from '../import-i18n.ts';
import type { ImportProblem } from '../template.ts';
import { type BeforeImage, captureRecord } from './before-image.ts';

export interface WrittenRecord {
  readonly id: string;
  readonly rowVersion: number;
}

export type WriteOutcome = { readonly ok: WrittenRecord } | { readonly problems: ImportProblem[] };

/** The API's refusal (422, 409…) as the row's problems; anything else is not the row's fault: thrown. */
export function refusalProblems(
  error: unknown,
  row: number,
  level: ResolvedLevel,
  columns: Readonly<Record<string, string>>,
): ImportProblem[] {
  if (!isHttpError(error)) throw error;
  return error.details.map((d) => {
    const field = d.path.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';
    const label = level.fields.find((f) => f.key === field)?.label;
    const column = columns[field];
    return {
      row,
      level: level.key,
      field,
      ...(column === undefined ? {} : { column }),
      code: d.code,
      message: ownWords(d) ?? {
        fr: d.message,
        en: apiEnglish(d.code, label?.en ?? label?.fr ?? (field || level.key), d.message),
      },
    };
  });
}

export interface LinkWriter {
  link(
    level: string,
    id: string,
    action: 'inserted' | 'updated' | 'deleted',
    rowVersion: number | null,
    before?: BeforeImage,
  ): Promise<void>;
  /** Records inserted by one batch write, in order: one statement. */
  linkInserted(level: string, records: readonly WrittenRecord[]): Promise<void>;
}

/** Links the job's records as it writes them: what a rollback undoes. */
export function jobLinks(db: Queryable, jobId: string): LinkWriter {
  let seq = 0;
  return {
    async link(level, id, action, rowVersion, before) {
      await db.query(
        `INSERT INTO suivi.import_job_record (job_id, level_key, record_id, action, row_version, before, seq)
         VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING`,
        [jobId, level, id, action, rowVersion, before ? JSON.stringify(before) : null, ++seq],
      );
    },
    async linkInserted(level, records) {
      if (records.length === 0) return;
      const first = seq + 1;
      seq += records.length;
      await db.query(
        `INSERT INTO suivi.import_job_record (job_id, level_key, record_id, action, row_version, seq)
         SELECT $1::uuid, $2, r.id, 'inserted', r.row_version, $3::integer + r.n - 1
         FROM unnest($4::uuid[], $5::integer[]) WITH ORDINALITY AS r(id, row_version, n)
         ON CONFLICT DO NOTHING`,
        [jobId, level, first, records.map((r) => r.id), records.map((r) => r.rowVersion)],
      );
    },
  };
}

export interface WriteTarget {
  readonly ops: RecordOperations;
  readonly plan: LevelPlan;
  readonly row: number;
  readonly columns: Readonly<Record<string, string>>;
}

async function attempt(t: WriteTarget, work: () => Promise<Response>): Promise<WriteOutcome> {
  try {
    const res = await work();
    const record = (await res.json()) as { id: string; row_version: number };
    return { ok: { id: record.id, rowVersion: record.row_version } };
  } catch (error) {
    return { problems: refusalProblems(error, t.row, t.plan.level, t.columns) };
  }
}

export function createThroughApi(t: WriteTarget, body: Record<string, unknown>): Promise<WriteOutcome> {
  const target = { module: t.plan.module, level: t.plan.level.key };
  return attempt(t, async () => {
    const valid = await t.ops.validate({ ...target, mode: 'create', body });
    return t.ops.create({ ...target, body: valid as object });
  });
}

/** Updates `id` with the row's mapped fields; the fields the row does not map keep their values. */
export async function updateThroughApi(
  t: WriteTarget,
  db: Queryable,
  id: string,
  body: Record<string, unknown>,
): Promise<WriteOutcome & { before?: BeforeImage }> {
  const target = { module: t.plan.module, level: t.plan.level.key };
  const before = await captureRecord(db, t.plan, id);
  const outcome = await attempt(t, async () => {
    const current = (await (await t.ops.get({ ...target, id })).json()) as Record<string, unknown>;
    const merged = { ...current, ...body, row_version: current.row_version };
    const valid = await t.ops.validate({ ...target, mode: 'update', body: merged });
    return t.ops.update({ ...target, id, body: valid as object });
  });
  return before ? { ...outcome, before } : outcome;
}

/** A problem with its own words in both languages (a record check's message). */
function ownWords(d: { readonly [extra: string]: unknown }): { fr: string; en: string } | undefined {
  const m = d.messages as { fr?: unknown; en?: unknown } | undefined;
  return typeof m?.fr === 'string' && typeof m.en === 'string' ? { fr: m.fr, en: m.en } : undefined;
}
