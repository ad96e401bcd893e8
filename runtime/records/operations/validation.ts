/**
 * Expert validation of occurrence records (protocol-specs/standard/validation.ts says which levels):
 * the Validate action sets a record's STATUT_VALID status with an optional comment; an edit by someone
 * who may not validate that record puts a validated status back to pending ('0'). Every change of
 * status writes a suivi.validation_log row in the same transaction as the change.
 */

import { type Expression, type SqlBool, sql } from 'kysely';
import {
  findStandardVocabulary,
  PENDING_STATUS,
  VALIDATION_VOCABULARY,
} from '../../../protocol-specs/index.ts';
import { coreDb } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { tagWritePath } from '../../history/write-path.ts';
import { type ApiError, invalid, isHttpError, notFound } from '../../http/errors.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ApiRecord } from '../read/read-records.ts';
import { allOf, bound, columnOf, idIs, recordsDb, tableAs } from '../sql/dynamic.ts';
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

const r = (column: string) => columnOf('r', column);

function writeLog(
  tx: Queryable,
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  change: { readonly status: string; readonly previous: string | null; readonly comment: string | null },
) {
  return coreDb(tx)
    .insertInto('suivi.validation_log')
    .values({
      module_code: plan.module,
      level_key: plan.level.key,
      record_id: id,
      status: change.status,
      previous_status: change.previous,
      validated_by: ctx.actor.userId,
      comment: change.comment,
    })
    .execute();
}

/**
 * `UPDATE <level> r SET … FROM old WHERE r.id = old.id RETURNING old.validation_status`, `old` the row
 * as it was (selected by `where`, with `FOR UPDATE` when asked): the previous status, or undefined
 * when no row matched.
 */
async function changeStatus(
  tx: Queryable,
  plan: LevelPlan,
  where: Expression<SqlBool>,
  set: Readonly<Record<string, unknown>>,
  lock: boolean,
): Promise<string | undefined> {
  const table = tableAs(plan.shape.table, 'r');
  const row = await recordsDb(tx)
    .with('old', (db) =>
      db
        .selectFrom(table)
        .select([r('id').as('id'), r('validation_status').as('validation_status')])
        .where(where)
        .$if(lock, (q) => q.forUpdate()),
    )
    .updateTable(table)
    .from('old')
    .set(set)
    .where(r('id'), '=', columnOf('old', 'id'))
    .returning(columnOf<string>('old', 'validation_status').as('previous'))
    .executeTakeFirst();
  return row?.previous;
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
    await tagWritePath(tx, ctx.writePath ?? 'api', ctx.actor.userId);
    const actor = bound(ctx.actor.userId, 'uuid');
    const where = allOf([idIs(id), scopeOf(ctx, plan, 'validate')]);
    const previous = await changeStatus(
      tx,
      plan,
      where,
      {
        validation_status: bound(status, 'text'),
        validated_by: actor,
        validated_at: sql`now()`,
        validation_comment: bound(comment, 'text'),
        row_version: sql`${r('row_version')} + 1`,
        spec_version: bound(plan.protocol.version, 'integer'),
        updated_at: sql`now()`,
        updated_by: actor,
      },
      true,
    );
    if (previous === undefined) throw notFound(recordName(plan), id);
    await writeLog(tx, ctx, plan, id, { status, previous, comment });
    return readBack(tx, plan, id);
  });
}

/**
 * The predicate "the actor may validate this row" on rows aliased `r`: undefined for a scope of all
 * (every row), FALSE when Validate is not granted at all (the access hook says so by refusing with 403).
 */
function validatorPredicate(ctx: RequestContext, plan: LevelPlan): Expression<SqlBool> | undefined {
  try {
    return scopeOf(ctx, plan, 'validate');
  } catch (error) {
    if (isHttpError(error) && error.status === 403) return sql<SqlBool>`FALSE`;
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
  const validator = validatorPredicate(ctx, plan);
  if (validator === undefined) return;
  const pending = bound(PENDING_STATUS, 'text');
  const where = allOf([
    idIs(id),
    sql<SqlBool>`${r('validation_status')} <> ${pending}`,
    sql<SqlBool>`NOT (${validator})`,
  ]);
  const previous = await changeStatus(
    tx,
    plan,
    where,
    { validation_status: pending, validated_by: null, validated_at: null, validation_comment: null },
    false,
  );
  if (previous !== undefined)
    await writeLog(tx, ctx, plan, id, { status: PENDING_STATUS, previous, comment: RESET_COMMENT });
}
