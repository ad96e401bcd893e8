/**
 * The body of `POST /api/modules/<code>/batch` (docs/offline.md): `{ items: [{ ref, op, level, id?,
 * body?, row_version? }] }`. Its shape is checked before any item runs, all problems at once (422 at
 * `/items/3/op`…), so a malformed outbox writes nothing; more than MAX_BATCH_ITEMS items is a 413. What
 * is inside each item's `body` is the single routes' business: each item is validated as they validate.
 */
import { HttpError, invalid } from '../http/errors.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';

/** Most items one batch carries: an outbox larger than this is sent in several requests. */
export const MAX_BATCH_ITEMS = 500;
/** Longest `ref` (the client's own name for the item, given back in its result). */
export const MAX_REF_LENGTH = 200;

export const BATCH_OPS = ['create', 'update', 'delete'] as const;
export type BatchOp = (typeof BATCH_OPS)[number];

export interface BatchItem {
  readonly ref: string;
  readonly op: BatchOp;
  readonly level: string;
  /** The record's id: the client's UUID of a create (optional there), the target of an update or delete. */
  readonly id?: string;
  /** create, update: the record as the single routes take it. */
  readonly body?: Record<string, unknown>;
  /** delete: the version the client read (optional, as `?row_version=` on DELETE). */
  readonly row_version?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ITEM_KEYS: ReadonlySet<string> = new Set(['ref', 'op', 'level', 'id', 'body', 'row_version']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Problem = { path: string; code: string; message: string };

/** The items of a batch body, or the 413 / 422 that refuses it. */
export function parseBatch(module: ModulePlan, body: unknown): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body.items)) {
    const message = 'Le corps doit être un objet { "items": [ … ] }.';
    throw invalid([{ path: isObject(body) ? '/items' : '', code: 'type', message }]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'items');
  const problems: Problem[] = extra.map((k) => ({
    path: `/${k}`,
    code: 'unknown_field',
    message: `« ${k} » n’est pas un membre du lot (seul « items » l’est).`,
  }));
  if (body.items.length > MAX_BATCH_ITEMS) {
    const message = `Un lot compte au plus ${MAX_BATCH_ITEMS} éléments (${body.items.length} reçus) : envoyez-le en plusieurs fois.`;
    throw new HttpError(413, 'batch_too_large', message, [
      { path: '/items', code: 'batch_too_large', message, limit: MAX_BATCH_ITEMS },
    ]);
  }
  const items = body.items.map((raw, i) => readItem(module, raw, `/items/${i}`, problems));
  if (problems.length > 0) throw invalid(problems);
  return items as BatchItem[];
}

function readItem(module: ModulePlan, raw: unknown, at: string, out: Problem[]): BatchItem | undefined {
  const fail = (path: string, code: string, message: string) => {
    out.push({ path: `${at}${path}`, code, message });
    return undefined;
  };
  if (!isObject(raw)) return fail('', 'type', 'Chaque élément du lot est un objet { ref, op, level, … }.');
  const before = out.length;
  for (const key of Object.keys(raw))
    if (!ITEM_KEYS.has(key)) fail(`/${key}`, 'unknown_field', `« ${key} » n’est pas un membre d’un élément.`);
  const { ref, op, level, id, body, row_version } = raw;
  if (typeof ref !== 'string' || ref === '' || ref.length > MAX_REF_LENGTH || ref.includes('\u0000'))
    fail(
      '/ref',
      'type',
      `ref est le nom que le client donne à l’élément (1 à ${MAX_REF_LENGTH} caractères).`,
    );
  if (!BATCH_OPS.includes(op as BatchOp))
    fail('/op', 'choice', `op vaut ${BATCH_OPS.map((o) => `« ${o} »`).join(', ')}.`);
  if (typeof level !== 'string' || !module.levels.has(level))
    fail('/level', 'choice', `level est un niveau du module ${module.protocol.code}.`);
  if (id !== undefined && (typeof id !== 'string' || !UUID.test(id)))
    fail('/id', 'format', 'id est un UUID.');
  if (id === undefined && (op === 'update' || op === 'delete'))
    fail('/id', 'required', 'id désigne l’enregistrement à modifier ou supprimer.');
  if (op === 'create' || op === 'update') {
    if (!isObject(body)) fail('/body', 'type', 'body est l’enregistrement, comme le prend la route seule.');
  } else if (body !== undefined) fail('/body', 'unknown_field', 'Une suppression n’a pas de body.');
  if (
    row_version !== undefined &&
    (op !== 'delete' || !Number.isInteger(row_version) || (row_version as number) < 1)
  )
    fail(
      '/row_version',
      op === 'delete' ? 'type' : 'unknown_field',
      'row_version (entier ≥ 1) accompagne une suppression ; une mise à jour le porte dans son body.',
    );
  if (out.length > before) return undefined;
  return {
    ref: ref as string,
    op: op as BatchOp,
    level: level as string,
    ...(typeof id === 'string' ? { id: id.toLowerCase() } : {}),
    ...(isObject(body) ? { body } : {}),
    ...(typeof row_version === 'number' ? { row_version } : {}),
  };
}
