/**
 * The shape of the translation tables: `{ name, given, want }`. `given` is the GeoNature files of a small
 * protocol (module > site > visit > observation unless config.json says otherwise); `want` says what the
 * spec and the report must hold. Every row's spec must also pass validateSpec with no error.
 */
import { expect } from 'vitest';
import { validateSpec } from '../../protocol-specs/index.ts';
import { importFiles } from './fixtures.test-helpers.ts';
import type { ImportResult } from './model.ts';

export interface Want {
  /** [level key, field key, what the authored field contains] (field sets included). */
  readonly field?: readonly [string, string, Record<string, unknown>];
  /** [level key, field key]: no such field. */
  readonly noField?: readonly [string, string];
  /** [level key, what the level contains]. */
  readonly level?: readonly [string, Record<string, unknown>];
  /** What the spec contains at the top. */
  readonly spec?: Record<string, unknown>;
  readonly warning?: RegExp;
  readonly untranslated?: RegExp;
  readonly builtIn?: RegExp;
  /** [translated, total] rules. */
  readonly rules?: readonly [number, number];
}

export interface Row {
  readonly name: string;
  readonly given: Readonly<Record<string, unknown>>;
  readonly want: Want;
}

type Field = Record<string, unknown>;

export function fieldOf(result: ImportResult, level: string, key: string): Field | undefined {
  const l = result.spec.levels.find((x) => x.key === level);
  const all = [...(l?.fields ?? []), ...(l?.fieldSets ?? []).flatMap((s) => s.fields)] as unknown as Field[];
  return all.find((f) => f.key === key);
}

export function checkRow(row: Row): ImportResult {
  const result = importFiles(row.given);
  const { want } = row;
  expect(validateSpec(result.spec).filter((d) => d.severity === 'error')).toEqual([]);
  if (want.field) {
    const [level, key, partial] = want.field;
    expect(fieldOf(result, level, key), `${level}.${key}`).toMatchObject(partial);
  }
  if (want.noField) expect(fieldOf(result, ...want.noField)).toBeUndefined();
  if (want.level)
    expect(result.spec.levels.find((l) => l.key === want.level?.[0])).toMatchObject(want.level[1]);
  if (want.spec) expect(result.spec).toMatchObject(want.spec);
  const messages = (list: ReadonlyArray<{ message?: string; reason?: string }>) =>
    list.map((w) => w.message ?? w.reason ?? '');
  if (want.warning)
    expect(
      messages(result.report.warnings).some((m) => want.warning?.test(m)),
      messages(result.report.warnings).join('\n'),
    ).toBe(true);
  if (want.untranslated)
    expect(
      messages(result.report.untranslated).some((m) => want.untranslated?.test(m)),
      JSON.stringify(result.report.untranslated),
    ).toBe(true);
  if (want.builtIn) expect(messages(result.report.builtIn).some((m) => want.builtIn?.test(m))).toBe(true);
  if (want.rules) expect([result.report.rules.translated, result.report.rules.total]).toEqual(want.rules);
  return result;
}

/** A visit.json whose `specific` holds these fields, beside a `presence` radio rules can test. */
export const visit = (specific: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  'visit.json': {
    specific: {
      presence: { type_widget: 'radio', attribut_label: 'Présence', values: ['Oui', 'Non'] },
      ...specific,
    },
    ...extra,
  },
});

/** One visit field `x` (text) with one rule slot. */
export const ruleOn = (slot: string, source: string | string[], more: Record<string, unknown> = {}) =>
  visit({ x: { type_widget: 'text', attribut_label: 'X', [slot]: source }, ...more });
