/**
 * The resolutions file the protocol author writes beside the spec (`migrations/v<from>-to-v<to>.json`):
 * read and checked here, each problem named by its JSON pointer; and each resolution turned into the
 * statements that run before its step's check (so the check then finds no row, except under `keep`).
 * Values enter SQL through sqlLiteral only.
 */

import type { Labels } from '../../protocol-specs/index.ts';
import { sqlLiteral } from '../../protocol-specs/index.ts';
import type { ColumnType, Table } from '../sql/model.ts';
import { ident, qualified, shortName } from '../sql/names.ts';
import { renderType } from '../sql/render-tables.ts';
import type { MigrationResolutions, Resolution, ResolutionKind } from './plan-types.ts';

export interface PlanProblem {
  /** JSON pointer in the resolutions file ('' for the plan itself). */
  readonly pointer: string;
  readonly message: string;
}

const pointerKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

export function readResolutions(value: unknown): {
  readonly resolutions: MigrationResolutions;
  readonly problems: readonly PlanProblem[];
} {
  const problems: PlanProblem[] = [];
  const resolutions: Record<string, Resolution> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { resolutions, problems: [{ pointer: '', message: 'must be an object: step id → resolution' }] };
  }
  for (const [id, entry] of Object.entries(value)) {
    if (id === '$comment' || id === '$schema') continue;
    const at = `/${pointerKey(id)}`;
    const keys =
      typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? Object.keys(entry) : [];
    if (keys.length !== 1) {
      problems.push({ pointer: at, message: 'must be an object with one of set, map, archive, keep' });
      continue;
    }
    const e = entry as Record<string, unknown>;
    if ('set' in e) {
      const v = e.set;
      const ok =
        typeof v === 'string' ||
        typeof v === 'boolean' ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      if (ok) resolutions[id] = { set: v as string };
      else
        problems.push({
          pointer: `${at}/set`,
          message: 'must be a string, a number, a boolean or a list of strings',
        });
    } else if ('map' in e) {
      const m = e.map;
      const ok =
        typeof m === 'object' &&
        m !== null &&
        !Array.isArray(m) &&
        Object.keys(m).length > 0 &&
        Object.values(m).every((x) => typeof x === 'string');
      if (ok) resolutions[id] = { map: m as Record<string, string> };
      else
        problems.push({ pointer: `${at}/map`, message: 'must map each old value to a new value (strings)' });
    } else if ('archive' in e) {
      if (e.archive === true) resolutions[id] = { archive: true };
      else problems.push({ pointer: `${at}/archive`, message: 'must be true' });
    } else if ('keep' in e) {
      if (e.keep === true) resolutions[id] = { keep: true };
      else problems.push({ pointer: `${at}/keep`, message: 'must be true' });
    } else {
      problems.push({
        pointer: `${at}/${pointerKey(keys[0] ?? '')}`,
        message: 'must be one of set, map, archive, keep',
      });
    }
  }
  return { resolutions, problems };
}

export const resolutionKind = (r: Resolution): ResolutionKind =>
  'set' in r ? 'set' : 'map' in r ? 'map' : 'archive' in r ? 'archive' : 'keep';

/** The rows a check finds, where they are, and the column whose values are at stake (if one). */
export interface CheckTarget {
  readonly table: Table;
  /** The violating rows, over the table as it is when the step runs. */
  readonly predicate: string;
  readonly column?: { readonly name: string; readonly type: ColumnType; readonly notNull: boolean };
  readonly level: string;
  readonly field?: string;
}

export interface ResolutionContext {
  readonly module: string;
  readonly from: number;
  readonly to: number;
  readonly stepId: string;
  readonly archiveSchema: string;
}

/** The record a row belongs to: its own id in a level table, `record_id` in a child table. */
export const recordIdColumn = (table: Table): string =>
  table.columns.some((c) => c.name === 'record_id') ? 'record_id' : 'id';

export function acceptedResolutions(target: CheckTarget, addsConstraint: boolean): ResolutionKind[] {
  const kinds: ResolutionKind[] = [];
  if (target.column) kinds.push('set', 'map');
  if (target.column && !target.column.notNull) kinds.push('archive');
  if (addsConstraint) kinds.push('keep');
  return kinds;
}

export function archiveSetup(archiveSchema: string): string[] {
  const schema = ident(archiveSchema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.flagged (module text NOT NULL, version integer NOT NULL, level text NOT NULL, record_id uuid, field text, step text NOT NULL, value jsonb, flagged_at timestamptz NOT NULL DEFAULT now())`,
  ];
}

export function resolutionSql(target: CheckTarget, resolution: Resolution, ctx: ResolutionContext): string[] {
  const table = qualified(target.table);
  const where = `WHERE ${target.predicate}`;
  const recordId = ident(recordIdColumn(target.table));
  const column = target.column;
  if ('keep' in resolution) {
    return [
      ...archiveSetup(ctx.archiveSchema),
      `INSERT INTO ${ident(ctx.archiveSchema)}.flagged (module, version, level, record_id, field, step, value) ` +
        `SELECT ${sqlLiteral(ctx.module)}, ${ctx.to}, ${sqlLiteral(target.level)}, ${recordId}, ${sqlLiteral(target.field ?? null)}, ${sqlLiteral(ctx.stepId)}, ` +
        `${column ? `to_jsonb(${ident(column.name)})` : `to_jsonb(t)`} FROM ${table} AS t ${where}`,
    ];
  }
  if (!column) throw new Error(`${ctx.stepId}: only keep applies`);
  const c = ident(column.name);
  const type = renderType(column.type);
  if ('archive' in resolution) {
    const archive = `${ident(ctx.archiveSchema)}.${ident(archiveTableName(ctx.module, ctx.from, ctx.stepId.replaceAll('.', '__')))}`;
    return [
      ...archiveSetup(ctx.archiveSchema),
      `CREATE TABLE ${archive} AS SELECT ${recordId} AS record_id, ${c} AS value FROM ${table} AS t ${where}`,
      `UPDATE ${table} AS t SET ${c} = NULL ${where}`,
    ];
  }
  if ('set' in resolution) {
    const v = resolution.set;
    const value = Array.isArray(v)
      ? `ARRAY[${v.map((x: string) => sqlLiteral(x)).join(', ')}]::text[]`
      : `${sqlLiteral(v as string | number | boolean)}::${type}`;
    return [`UPDATE ${table} AS t SET ${c} = ${value} ${where}`];
  }
  const entries = Object.entries(resolution.map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (column.type === 'text_list') {
    const cases = entries.map(([a, b]) => `WHEN ${sqlLiteral(a)} THEN ${sqlLiteral(b)}`).join(' ');
    return [
      `UPDATE ${table} AS t SET ${c} = ARRAY(SELECT CASE u.v ${cases} ELSE u.v END FROM unnest(${c}) WITH ORDINALITY AS u(v, n) ORDER BY u.n) ${where}`,
    ];
  }
  const cases = entries.map(([a, b]) => `WHEN ${sqlLiteral(a)} THEN ${sqlLiteral(b)}::${type}`).join(' ');
  return [`UPDATE ${table} AS t SET ${c} = CASE ${c}::text ${cases} ELSE ${c} END ${where}`];
}

export function describeResolution(resolution: Resolution): Labels {
  if ('set' in resolution) {
    const v = JSON.stringify(resolution.set);
    return { fr: `les lignes en défaut reçoivent la valeur ${v}`, en: `failing rows get the value ${v}` };
  }
  if ('map' in resolution) {
    const pairs = Object.entries(resolution.map)
      .map(([a, b]) => `${a} → ${b}`)
      .join(', ');
    return { fr: `valeurs remplacées : ${pairs}`, en: `values replaced: ${pairs}` };
  }
  if ('archive' in resolution)
    return {
      fr: 'valeurs en défaut copiées dans l’archive avec l’id de l’enregistrement, puis vidées',
      en: 'failing values copied to the archive with their record ids, then emptied',
    };
  return {
    fr: 'valeurs gardées et signalées (suivi_archive.flagged) ; la contrainte reste non validée',
    en: 'values kept and flagged (suivi_archive.flagged); the constraint stays not validated',
  };
}

/** `<module>__v<from>__<what>`, hashed past 63 bytes like every generated name. */
export const archiveTableName = (module: string, from: number, what: string): string =>
  shortName(`${module}__v${from}__${what}`);
