/**
 * Running a batch (docs/offline.md): the items in order, each through the single routes' operations
 * (validation, permissions, its own transaction: an item that fails leaves the earlier ones written),
 * one result per item `{ ref, status, record?, errors?, current? }` with the status the single route
 * would have answered. An item whose parent link (or own id) names a record an earlier create of the
 * batch failed to make is not tried: 424 `parent_not_synced`. Replaying a batch keeps its end state: a
 * create already made answers 200 (operations/replay.ts), an update already applied 409 with the
 * current record (the client compares and chooses), a delete already done 404.
 */
import { type ApiError, HttpError, isHttpError } from '../http/errors.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import type { RecordOperations } from '../records/operations.ts';
import type { BatchItem, BatchOp } from './batch-body.ts';

export interface BatchResult {
  readonly ref: string;
  readonly status: number;
  readonly record?: unknown;
  readonly errors?: readonly ApiError[];
  /** On 409 `stale_row_version`: the record as stored now, when the caller may read it. */
  readonly current?: unknown;
}

export interface BatchRun {
  readonly module: ModulePlan;
  readonly items: readonly BatchItem[];
  /** The caller's record operations (actor, access scope) on this module. */
  readonly operations: RecordOperations;
  /** Throws the 403 of an operation the caller's grants do not allow on the module. */
  readonly allow: (op: BatchOp) => void;
  /** An item that failed for no fault of the request (a 500): logged, answered `internal`. */
  readonly logError: (error: unknown) => void;
}

/**
 * A create whose record is not there: refused, or not tried. A 409 `id_conflict` is not one of them: a
 * record holds the id (in a replayed outbox, the client's own record, changed since by a later item),
 * and what names it is answered by the record itself (a link to a record the caller cannot read is 422).
 */
const failedCreate = (result: BatchResult) =>
  result.status !== 200 &&
  result.status !== 201 &&
  !(result.status === 409 && result.errors?.some((e) => e.code === 'id_conflict'));

export async function runBatch(run: BatchRun): Promise<{ results: BatchResult[] }> {
  /** Ids of records the batch's failed creates would have made. */
  const failed = new Set<string>();
  const results: BatchResult[] = [];
  for (const item of run.items) {
    const result = unsynced(run.module, item, failed) ?? (await runItem(run, item));
    if (item.op === 'create' && failedCreate(result)) {
      const id = item.id ?? idOf(item.body);
      if (id) failed.add(id);
    }
    results.push(result);
  }
  return { results };
}

const idOf = (body: Record<string, unknown> | undefined): string | undefined =>
  typeof body?.id === 'string' ? body.id.toLowerCase() : undefined;

/** The 424 of an item that depends on a failed create of the same batch, or undefined. */
function unsynced(module: ModulePlan, item: BatchItem, failed: ReadonlySet<string>): BatchResult | undefined {
  if (failed.size === 0) return undefined;
  const plan = module.levels.get(item.level);
  const paths: string[] = [];
  for (const p of plan?.parents ?? []) {
    const link = item.body?.[p.column];
    if (typeof link === 'string' && failed.has(link.toLowerCase())) paths.push(`/${p.column}`);
  }
  if (item.op !== 'create' && item.id && failed.has(item.id)) paths.push('/id');
  if (paths.length === 0) return undefined;
  const message =
    'Cet élément dépend d’un enregistrement dont la création a échoué plus tôt dans le lot : corrigez celle-ci, puis renvoyez-le.';
  return {
    ref: item.ref,
    status: 424,
    errors: paths.map((path) => ({ path, code: 'parent_not_synced', message })),
  };
}

async function runItem(run: BatchRun, item: BatchItem): Promise<BatchResult> {
  const ops = run.operations;
  const target = { module: run.module.protocol.code, level: item.level };
  try {
    run.allow(item.op);
    const response = await answer(ops, target, item);
    const text = await response.text();
    return { ref: item.ref, status: response.status, ...(text ? { record: JSON.parse(text) } : {}) };
  } catch (error) {
    if (!isHttpError(error)) {
      run.logError(error);
      const message = 'Erreur interne du serveur : l’élément n’a pas été enregistré ; réessayez plus tard.';
      return { ref: item.ref, status: 500, errors: [{ path: '', code: 'internal', message }] };
    }
    const current =
      error.code === 'stale_row_version' && item.id ? await readable(ops, target, item.id) : undefined;
    return {
      ref: item.ref,
      status: error.status,
      errors: error.details,
      ...(current === undefined ? {} : { current }),
    };
  }
}

function answer(
  ops: RecordOperations,
  target: { readonly module: string; readonly level: string },
  item: BatchItem,
): Promise<Response> {
  switch (item.op) {
    case 'create':
      return create(ops, target, item);
    case 'update':
      return ops
        .validate({ ...target, mode: 'update', body: item.body })
        .then((body) => ops.update({ ...target, id: item.id as string, body }));
    case 'delete':
      return ops.remove({
        ...target,
        id: item.id as string,
        ...(item.row_version === undefined ? {} : { row_version: item.row_version }),
      });
  }
}

async function create(
  ops: RecordOperations,
  target: { readonly module: string; readonly level: string },
  item: BatchItem,
): Promise<Response> {
  const inBody = idOf(item.body);
  if (item.id && inBody && inBody !== item.id) {
    const message = 'L’id de l’élément et celui de son body diffèrent.';
    throw new HttpError(422, 'invalid', message, [{ path: '/id', code: 'id_mismatch', message }]);
  }
  const body = await ops.validate({
    ...target,
    mode: 'create',
    body: item.id ? { ...item.body, id: item.id } : item.body,
  });
  return ops.create({ ...target, body });
}

/** The stored record if the caller may read it (the `current` of a stale update), else undefined. */
async function readable(
  ops: RecordOperations,
  target: { readonly module: string; readonly level: string },
  id: string,
): Promise<unknown> {
  try {
    return await (await ops.get({ ...target, id })).json();
  } catch {
    return undefined;
  }
}
