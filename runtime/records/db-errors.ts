/**
 * Database refusals as API errors naming the field, never a 500: a unique key (23505), a foreign key
 * (23503, or 23001 for a RESTRICT on delete), a CHECK (23514) or NOT NULL (23502) is mapped through the level's constraint map; a data
 * exception (22xxx) or a PostGIS refusal to the field whose bound value the message quotes.
 */
import { type ConstraintKind, checkConstraintName } from '../../generators/model/index.ts';
import { badRequest, conflict, type HttpError, invalid } from '../http/errors.ts';
import type { FieldTarget } from './model/constraint-map.ts';
import type { LevelPlan } from './model/module-plan.ts';
import { worded } from './validate/messages.ts';
import type { Violation } from './validate/violation.ts';
import { StatementError } from './write/statement.ts';

interface PgFailure {
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly message?: string;
}

const CHECK_CODES: Readonly<Record<ConstraintKind, string>> = {
  required: 'required',
  visible: 'hidden',
  min: 'min',
  max: 'max',
  pattern: 'pattern',
  length: 'max_length',
  decimals: 'decimals',
  choice: 'choice',
  taxon: 'taxon',
  valid: 'geometry',
  fk: 'not_found',
  any: 'required',
  observer: 'observer',
  single: 'max_items',
  free_text: 'free_text',
  accept: 'choice',
};

const DATA_CODES: Readonly<Record<string, string>> = {
  '22001': 'max_length',
  '22003': 'out_of_range',
  '22007': 'format',
  '22008': 'format',
  '22021': 'invalid_character',
  '22P02': 'type',
  '22P05': 'invalid_character',
};

const GEOMETRY_WORDS = /geometry|geojson|linearring|lwgeom|polygon|coordinates|points/i;

/** A client id held by another record (or by one the caller cannot read): one answer whoever holds it. */
export const idConflict = (): HttpError =>
  conflict(
    'id_conflict',
    'Cet identifiant ne peut pas servir à cet enregistrement : envoyez un nouvel UUID aléatoire, ou omettez-le (le serveur en attribue un).',
    { path: '/id' },
  );

/** The API error for a failed write, or undefined when it is not the request's fault (then it is a 500). */
export function writeError(
  plan: LevelPlan,
  error: unknown,
  action: 'write' | 'delete',
): HttpError | undefined {
  const params = error instanceof StatementError ? error.params : undefined;
  const e = (error instanceof StatementError ? error.cause : error) as PgFailure;
  const code = e?.code ?? '';
  const tables = e.table ? plan.targets.get(e.table) : undefined;
  const target = (): FieldTarget | undefined =>
    e.constraint ? tables?.constraints.get(e.constraint) : undefined;
  const one = (v: Violation) => invalid(worded(plan.level, [v]));
  // 23001: ON DELETE RESTRICT (a reference to the record being deleted); 23503: a foreign key.
  if (code === '23503' || code === '23001') {
    const t = target();
    if (action === 'delete' || code === '23001' || !t)
      return conflict(
        'referenced',
        'D’autres enregistrements font référence à celui-ci : il ne peut pas être supprimé.',
        {
          path: '',
          table: e.table ?? null,
        },
      );
    const isLink = plan.parents.some((p) => `/${p.column}` === t.path);
    return one({ path: t.path, code: isLink ? 'parent_missing' : 'not_found' });
  }
  if (code === '23505') {
    const t = target();
    // A taken id is refused in one way, whoever's record holds it: the answer never tells that a record
    // the actor cannot see exists (README, "Ids"). A replay of the create is told apart before
    // (operations/replay.ts).
    if (!t || (t.kind === 'primary_key' && t.path === '/id')) return idConflict();
    if (t.kind === 'primary_key')
      return conflict('duplicate_id', 'Un enregistrement porte déjà cet identifiant.', { path: t.path });
    return one({ path: t.path, code: 'duplicate' });
  }
  if (code === '23514') {
    // A record check the server let through (it reads the stored row otherwise) still speaks its words.
    const check = (plan.level.checks ?? []).find(
      (c) => e.table === plan.level.key && checkConstraintName(plan.level.key, c.id) === e.constraint,
    );
    if (check) {
      const first = check.fields[0];
      return one({
        path: first === undefined ? '' : `/${first}`,
        code: 'check',
        check: { id: check.id, message: check.message },
      });
    }
    const t = target();
    const kind = t?.kind;
    const mapped =
      kind && kind !== 'key' && kind !== 'primary_key' && kind !== 'record_check'
        ? CHECK_CODES[kind]
        : 'invalid';
    return one({ path: t?.path ?? '', code: mapped, detail: `contrainte ${e.constraint ?? '?'}` });
  }
  if (code === '23502') {
    const t = e.column ? tables?.columns.get(e.column) : undefined;
    return one({ path: t?.path ?? `/${e.column ?? ''}`, code: 'required' });
  }
  const message = e.message ?? '';
  const geometric = (code === '22023' || code === 'XX000') && GEOMETRY_WORDS.test(message);
  if (code.startsWith('22') || geometric) {
    const path = geometric ? geometryPath(params) : quotedPath(params, message);
    return one({
      path: path ?? '',
      code: geometric ? 'geometry' : (DATA_CODES[code] ?? 'invalid'),
      detail: message,
    });
  }
  return undefined;
}

/** The field whose bound value the database message quotes: `invalid input syntax for type integer: "12.5"`. */
function quotedPath(params: StatementError['params'] | undefined, message: string): string | undefined {
  if (!params) return undefined;
  const index = params.values.findIndex(
    (v, i) => params.paths[i] !== undefined && v !== null && message.includes(`"${String(v)}"`),
  );
  return index >= 0 ? params.paths[index] : undefined;
}

/** The geometry bound in the statement (a GeoJSON text): the level's own unless another one was bound. */
function geometryPath(params: StatementError['params'] | undefined): string | undefined {
  if (!params) return '/geometry';
  const paths = params.values.flatMap((v, i) =>
    typeof v === 'string' && v.startsWith('{"type"') && params.paths[i] ? [params.paths[i]] : [],
  );
  return paths.length === 1 ? paths[0] : '/geometry';
}

/** A read the database refused because of a value of the query (a year 0 date, a NUL): 400, not 500. */
export function readError(error: unknown): HttpError | undefined {
  const e = error as PgFailure;
  if (!e?.code?.startsWith('22')) return undefined;
  const message = `La base de données refuse une valeur de la requête (${e.message ?? e.code}).`;
  return badRequest([{ path: '/query', code: 'query-value-invalid', message }]);
}
