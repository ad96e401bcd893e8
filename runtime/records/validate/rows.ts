/**
 * The rows of repeatable groups: each row's fields resolved and checked like a record's, reading their
 * row as `row` and the record as `value`. Rows are rewritten on every save, so their defaults apply to
 * every row that does not give the field. Also: the record as its JSON Schema sees it.
 */
import type { GroupField, ResolvedField, ResolvedVocabulary } from '../../../protocol-specs/index.ts';
import { ruleView, setOwn } from './field-values.ts';
import { type Resolved, resolveValues } from './resolve-values.ts';
import { ruleViolations } from './rule-checks.ts';
import type { Clock, Scopes } from './rule-context.ts';
import type { Violation } from './violation.ts';

interface Common {
  readonly clock: Clock;
  readonly scopes: Scopes;
  readonly vocabularies: readonly ResolvedVocabulary[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const groups = (fields: readonly ResolvedField[]) =>
  fields.filter((f): f is GroupField => f.kind === 'group');

/** How each row of each group resolved, by group key then row index (undefined for a row that is no object). */
const rowResolutions = new WeakMap<Resolved, Map<string, (Resolved | undefined)[]>>();

/** Resolves the rows of every shown group of `resolved` (in place); keys rows do not know stay for the schema to flag. */
export function resolveRows(fields: readonly ResolvedField[], resolved: Resolved, common: Common): void {
  const byGroup = new Map<string, (Resolved | undefined)[]>();
  const scopes = { ...common.scopes, value: ruleView(fields, resolved.values) };
  for (const group of groups(fields)) {
    const rows = resolved.values[group.key];
    if (!Array.isArray(rows)) continue;
    const known = new Set(group.fields.map((f) => f.key));
    const results = rows.map((row) => {
      if (!isObject(row)) return { row, result: undefined };
      const values: Record<string, unknown> = {};
      const unknown: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) setOwn(known.has(k) ? values : unknown, k, v);
      const result = resolveValues({
        ...common,
        fields: group.fields,
        values,
        mode: 'create',
        self: 'row',
        scopes,
      });
      const merged: Record<string, unknown> = { ...result.values };
      for (const [k, v] of Object.entries(unknown)) setOwn(merged, k, v);
      return { row: merged, result };
    });
    resolved.values[group.key] = results.map((r) => r.row);
    byGroup.set(
      group.key,
      results.map((r) => r.result),
    );
  }
  rowResolutions.set(resolved, byGroup);
}

export function rowViolations(
  fields: readonly ResolvedField[],
  resolved: Resolved,
  common: Common,
): Violation[] {
  const byGroup = rowResolutions.get(resolved);
  if (!byGroup) return [];
  const scopes = { ...common.scopes, value: ruleView(fields, resolved.values) };
  return groups(fields).flatMap((group) =>
    (byGroup.get(group.key) ?? []).flatMap((rowResolved, i) =>
      rowResolved
        ? ruleViolations({
            ...common,
            fields: group.fields,
            resolved: rowResolved,
            self: 'row',
            scopes,
            path: `/${group.key}/${i}`,
          })
        : [],
    ),
  );
}

/** The record as its JSON Schema expects it: empty values left out (null is no type of the schema). */
export function schemaInput(
  values: Readonly<Record<string, unknown>>,
  geometry: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (geometry !== null && geometry !== undefined) out.geometry = geometry;
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined) continue;
    setOwn(out, k, Array.isArray(v) ? v.map((item) => (isObject(item) ? withoutNulls(item) : item)) : v);
  }
  return out;
}

const withoutNulls = (row: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) setOwn(out, k, v);
  return out;
};
