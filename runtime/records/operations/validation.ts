/**
 * Expert validation of occurrence records (protocol-specs/standard/validation.ts says which levels):
 * the Validate action sets a record's STATUT_VALID status with an optional comment; an edit by someone
 * who may not validate that record puts a validated status back to pending ('0'). Every change of
 * status writes a suivi.validation_log row in the same transaction as the change.
 */
import {
  findStandardVocabulary,
  PENDING_STATUS,
  VALIDATION_VOCABULARY,
} from '../../../protocol-specs/index.ts';
import { type Queryable, qualified } from '../../db/database.ts';
import { type ApiError, invalid, isHttpError, notFound } from '../../http/errors.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ApiRecord } from '../read/read-records.ts';
import { SqlParams } from '../sql/params.ts';
import { type RequestContext, recordName, scopeOf } from './context.ts';
import { readBack } from './read.ts';

const STATUSES = findStandardVocabulary(VALIDATION_VOCABULARY)?.values ?? [];
const RESET_COMMENT =
  'Remis en attente : enregistrement modifié par un utilisateur sans droit de validation.';

export interface ValidationBody {
  readonly status: string;
  readonly comment: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ status, comment? }`: a STATUT_VALID code, and a comment (empty is null); anything else is a 422. */
export function readValidationBody(body: unknown): ValidationBody {
  if (!isObject(body))
    throw invalid([{ path: '', code: 'type', message: 'Le corps doit être un objet { status, comment }.' }]);
  const problems: ApiError[] = [];
  for (const key of Object.keys(body))
    if (key !== 'status' && key !== 'comment')
      problems.push({ path: `/${key}`, code: 'unknown_field', message: `${key} n’est pas attendu ici.` });
  const { status, comment } = body;
  const codes = STATUSES.map((v) => `${v.code} (${v.label})`).join(', ');
  if (status === undefined || status === null)
    problems.push({
      path: '/status',
      code: 'required',
      message: `Le statut de validation est requis : ${codes}.`,
    });
  else if (typeof status !== 'string' || !STATUSES.some((v) => v.code === status))
    problems.push({
      path: '/status',
      code: 'choice',
      message: `Le statut de validation doit être l’un des codes ${VALIDATION_VOCABULARY} : ${codes}.`,
    });
  if (comment !== undefined && comment !== null && typeof comment !== 'string')
    problems.push({ path: '/comment', code: 'type', message: 'Le commentaire doit être un texte.' });
  // PostgreSQL stores no NUL character (and refuses a statement binding one).
  else if (typeof comment === 'string' && comment.includes('\u0000'))
    problems.push({
      path: '/comment',
      code: 'invalid_character',
      message: 'Le commentaire contient un caractère interdit (NUL).',
    });
  if (problems.length > 0) throw invalid(problems);
  const text = typeof comment === 'string' ? comment.trim() : '';
  return { status: status as string, comment: text === '' ? null : text };
}

const logSql = `INSERT INTO suivi.validation_log
  (module_code, level_key, record_id, status, previous_status, validated_by, comment)
  VALUES ($1, $2, $3::uuid, $4, $5, $6::uuid, $7)`;

function writeLog(
  tx: Queryable,
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  change: { readonly status: string; readonly previous: string | null; readonly comment: string | null },
) {
  const values = [plan.module, plan.level.key, id, change.status, change.previous, ctx.actor.userId];
  return tx.query(logSql, [...values, change.comment]);
}

/**
 * The Validate action: under the actor's Validate scope (in the UPDATE's own WHERE, so a record outside
 * it is a 404 like other writes), sets status, validator, date and comment, bumps row_version and the
 * modification date (a sync reading changed rows sees the new status), logs it, returns the record.
 */
export async function setValidation(
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  body: unknown,
): Promise<ApiRecord> {
  if (!plan.validated) throw notFound(`La validation de ${recordName(plan).toLowerCase()}`, id);
  const { status, comment } = readValidationBody(body);
  return ctx.db.transaction(async (tx) => {
    const p = new SqlParams();
    const key = p.bind(id, 'uuid');
    const scope = scopeOf(ctx, plan, 'validate', p);
    const actor = p.bind(ctx.actor.userId, 'uuid');
    const table = qualified(plan.shape.table.schema, plan.shape.table.name);
    const { rows } = await tx.query<{ previous: string }>(
      `WITH old AS (SELECT r.id, r.validation_status FROM ${table} r WHERE r.id = ${key}${scope ? ` AND (${scope})` : ''} FOR UPDATE)
       UPDATE ${table} r SET validation_status = ${p.bind(status, 'text')}, validated_by = ${actor},
         validated_at = now(), validation_comment = ${p.bind(comment, 'text')},
         row_version = r.row_version + 1, spec_version = ${p.bind(plan.protocol.version, 'integer')},
         updated_at = now(), updated_by = ${actor}
       FROM old WHERE r.id = old.id RETURNING old.validation_status AS previous`,
      p.values,
    );
    const previous = rows[0]?.previous;
    if (previous === undefined) throw notFound(recordName(plan), id);
    await writeLog(tx, ctx, plan, id, { status, previous, comment });
    return readBack(tx, plan, id);
  });
}

/**
 * The predicate "the actor may validate this row" on rows aliased `r`: TRUE for a scope of all, FALSE
 * when Validate is not granted at all (the access hook says so by refusing with 403).
 */
function validatorPredicate(ctx: RequestContext, plan: LevelPlan, p: SqlParams): string {
  try {
    return scopeOf(ctx, plan, 'validate', p) ?? 'TRUE';
  } catch (error) {
    if (isHttpError(error) && error.status === 403) return 'FALSE';
    throw error;
  }
}

/**
 * After an update of the record's data (inside its transaction): a status other than pending goes back
 * to pending, with a log row, unless the actor may validate this record — an expert fixing a typo keeps
 * their validation. The update already bumped row_version.
 */
export async function resetValidation(
  tx: Queryable,
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
): Promise<void> {
  if (!plan.validated) return;
  const p = new SqlParams();
  const validator = validatorPredicate(ctx, plan, p);
  if (validator === 'TRUE') return;
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const pending = p.bind(PENDING_STATUS, 'text');
  const { rows } = await tx.query<{ previous: string }>(
    `WITH old AS (SELECT r.id, r.validation_status FROM ${table} r
        WHERE r.id = ${p.bind(id, 'uuid')} AND r.validation_status <> ${pending} AND NOT (${validator}))
     UPDATE ${table} r SET validation_status = ${pending}, validated_by = NULL, validated_at = NULL,
       validation_comment = NULL
     FROM old WHERE r.id = old.id RETURNING old.validation_status AS previous`,
    p.values,
  );
  const previous = rows[0]?.previous;
  if (previous !== undefined)
    await writeLog(tx, ctx, plan, id, { status: PENDING_STATUS, previous, comment: RESET_COMMENT });
}
