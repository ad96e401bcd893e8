/**
 * Server-side validation of a record before any write, all problems at once:
 *  1. the envelope (parent links, id on create, row_version on update) and unknown fields;
 *  2. the rules: visibility (hidden fields cleared), computed values, defaults of a new record;
 *  3. the level's JSON Schema (ajv, draft-07) on the resolved record;
 *  4. what only rules can say (conditional requirements, rule bounds, choice filters), per record and row,
 *     and the level's record checks;
 *  5. what the columns can hold, the parent links and references (records the actor may read), the
 *     taxonomic scope.
 * Any problem → 422 `[{ path, code, message }]`; otherwise the record, ready to be written.
 */
import { SERVER_COLUMNS, VALIDATION_COLUMNS } from '../../../protocol-specs/index.ts';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../http/errors.ts';
import type { AccessScope } from '../access.ts';
import type { LevelPlan, ModulePlan } from '../model/module-plan.ts';
import type { RecordWrite } from '../write/record-row.ts';
import { emptyAsNull, setOwn } from './field-values.ts';
import { schemaViolations } from './json-schema.ts';
import { worded } from './messages.ts';
import { checkParents, type PreloadedParents } from './parents.ts';
import { checkViolations } from './record-checks.ts';
import { referenceViolations } from './references.ts';
import { type Mode, resolveValues } from './resolve-values.ts';
import { resolveRows, rowViolations, schemaInput } from './rows.ts';
import { ruleViolations } from './rule-checks.ts';
import type { Clock } from './rule-context.ts';
import { geometryProblem, storageViolations } from './storage-checks.ts';
import { taxonScopeViolations } from './taxon-scope.ts';
import { distinct, under, type Violation } from './violation.ts';

export interface ValidatedRecord {
  readonly write: RecordWrite;
  /** The version an update was read at. */
  readonly rowVersion?: number;
}

export interface ValidationContext {
  readonly db: Queryable;
  readonly module: ModulePlan;
  readonly access: AccessScope;
  readonly clock: Clock;
  /** Parents already read for a batch of records (the import); the others are read here. */
  readonly parents?: PreloadedParents;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVER: ReadonlySet<string> = new Set(SERVER_COLUMNS);
/** Set by the Validate action only: sent back in a body, ignored like the rest of the envelope. */
const VALIDATION: ReadonlySet<string> = new Set(VALIDATION_COLUMNS);
const pointer = (key: string) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function validateRecord(
  ctx: ValidationContext,
  plan: LevelPlan,
  mode: Mode,
  body: unknown,
): Promise<ValidatedRecord> {
  const fail = (violations: readonly Violation[]) => invalid(worded(plan.level, distinct(violations)));
  if (!isObject(body)) throw fail([{ path: '', code: 'type', expected: 'object' }]);
  const violations: Violation[] = [];
  const envelope = readEnvelope(plan, mode, body, violations);

  const parents = await checkParents(ctx.db, ctx.module, plan, envelope.links, ctx.access, ctx.parents);
  const fields = plan.level.fields;
  const common = { clock: ctx.clock, scopes: parents.scopes, vocabularies: plan.protocol.vocabularies };
  const resolved = resolveValues({ fields, values: envelope.data, mode, self: 'value', ...common });
  resolveRows(fields, resolved, common);

  const geometry = envelope.geometry;
  const schema = geometryAsOne(
    plan,
    schemaViolations(plan.validateSchema, schemaInput(resolved.values, geometry)),
  );
  const notSchema = (v: Violation) => !schema.some((s) => under(v.path, s.path) || under(s.path, v.path));
  const rules = [
    ...ruleViolations({ fields, resolved, self: 'value', path: '', ...common }),
    ...rowViolations(fields, resolved, common),
    ...checkViolations(plan.level, resolved, ctx.clock, parents.scopes),
  ].filter(notSchema);
  const storage = storageViolations(fields, resolved.values, '').filter(notSchema);
  const geometryIssue = plan.hasGeometry ? geometryProblem(geometry, '/geometry') : undefined;
  if (geometryIssue) storage.push(geometryIssue);
  const references = (
    await referenceViolations(ctx.db, ctx.module, plan.shape, resolved.values, resolved.kept, ctx.access)
  ).filter(notSchema);
  violations.push(...schema, ...rules, ...storage, ...parents.violations, ...references);
  if (violations.length === 0)
    violations.push(...(await taxonScopeViolations(ctx.db, plan.protocol, fields, resolved.values)));
  if (violations.length > 0) throw fail(violations);
  return {
    write: {
      ...(envelope.id ? { id: envelope.id } : {}),
      links: envelope.links,
      geometry,
      values: resolved.values,
      kept: resolved.kept,
    },
    ...(envelope.rowVersion === undefined ? {} : { rowVersion: envelope.rowVersion }),
  };
}

/** Whatever JSON Schema says is wrong inside a geometry (a type, a position) is one `geometry` problem. */
function geometryAsOne(plan: LevelPlan, violations: readonly Violation[]): Violation[] {
  const roots: Array<[string, string]> = [
    ...(plan.hasGeometry ? [['/geometry', plan.level.geometry.kind] as [string, string]] : []),
    ...plan.level.fields.flatMap((f) =>
      f.kind === 'geometry' ? [[`/${f.key}`, f.geometry] as [string, string]] : [],
    ),
  ];
  return distinct(
    violations.map((v) => {
      const root = roots.find(([r]) => under(v.path, r));
      return root && v.code !== 'required' ? { path: root[0], code: 'geometry', expected: root[1] } : v;
    }),
  );
}

interface Envelope {
  readonly data: Record<string, unknown>;
  readonly links: Record<string, string | null>;
  readonly geometry: unknown;
  readonly id?: string;
  readonly rowVersion?: number;
}

/** Splits a body into field values, parent links, id / row_version; flags unknown keys and bad ids. */
function readEnvelope(
  plan: LevelPlan,
  mode: Mode,
  body: Record<string, unknown>,
  out: Violation[],
): Envelope {
  const fieldKeys = new Set(plan.level.fields.filter((f) => f.kind !== 'section').map((f) => f.key));
  const linkColumns = new Set(plan.parents.map((p) => p.column));
  const data: Record<string, unknown> = {};
  const links: Record<string, string | null> = {};
  for (const p of plan.parents) links[p.column] = null;
  let geometry: unknown = null;
  let id: string | undefined;
  let rowVersion: number | undefined;
  const uuid = (key: string, raw: unknown): string | null => {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw === 'string' && UUID.test(raw)) return raw.toLowerCase();
    out.push({ path: pointer(key), code: 'format', expected: 'uuid' });
    return null;
  };
  for (const [key, raw] of Object.entries(body)) {
    if (fieldKeys.has(key)) setOwn(data, key, emptyAsNull(raw));
    else if (key === 'geometry' && plan.hasGeometry) geometry = emptyAsNull(raw);
    else if (linkColumns.has(key)) links[key] = uuid(key, raw);
    else if (key === 'id' && mode === 'create') id = uuid(key, raw) ?? undefined;
    else if (key === 'row_version' && mode === 'update') {
      if (Number.isInteger(raw) && (raw as number) >= 1) rowVersion = raw as number;
      else out.push({ path: '/row_version', code: 'type', expected: 'integer' });
    } else if (!SERVER.has(key) && key !== 'row_version' && !(plan.validated && VALIDATION.has(key)))
      // The envelope a GET returned (id, audit, row_version on create) may come back: it is the server's.
      out.push({ path: pointer(key), code: 'unknown_field' });
  }
  if (mode === 'update' && rowVersion === undefined && !Object.hasOwn(body, 'row_version'))
    out.push({ path: '/row_version', code: 'required' });
  return {
    data,
    links,
    geometry,
    ...(id ? { id } : {}),
    ...(rowVersion === undefined ? {} : { rowVersion }),
  };
}
