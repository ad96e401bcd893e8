/**
 * The fixtures of issue 15's eight patterns of real GeoNature rules (fixtures/patterns/*.json, written in
 * the style of protocol authors): each row is a small protocol, and what its import must give: the field or
 * level it becomes, the warning, the untranslated reason, the source bugs found, the rule counts. The
 * regular expressions of `want` are written as strings in the data files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRow, type Row, type Want } from './translation.test-helpers.ts';

const FOLDER = new URL('./fixtures/patterns/', import.meta.url);

interface FixtureRow {
  readonly name: string;
  readonly given: Readonly<Record<string, unknown>>;
  readonly want: Omit<Want, 'warning' | 'untranslated' | 'builtIn'> & {
    readonly warning?: string;
    readonly untranslated?: string;
    readonly builtIn?: string;
    /** How many source bugs the import finds (0 when absent). */
    readonly sourceBugs?: number;
  };
}

const files = readdirSync(FOLDER)
  .filter((f) => f.endsWith('.json'))
  .sort();

const regex = (s: string | undefined) => (s === undefined ? undefined : new RegExp(s));

describe.each(files)('pattern fixtures %s', (file) => {
  const { rows } = JSON.parse(readFileSync(new URL(file, FOLDER), 'utf8')) as { rows: FixtureRow[] };

  it('holds at least ten fixtures', () => expect(rows.length).toBeGreaterThanOrEqual(10));

  it.each(rows.map((r) => [r.name, r] as const))('%s', (_, fixture) => {
    const { warning, untranslated, builtIn, sourceBugs, ...rest } = fixture.want;
    const row: Row = {
      name: fixture.name,
      given: fixture.given,
      want: {
        ...rest,
        ...(warning ? { warning: regex(warning) } : {}),
        ...(untranslated ? { untranslated: regex(untranslated) } : {}),
        ...(builtIn ? { builtIn: regex(builtIn) } : {}),
      },
    };
    const result = checkRow(row);
    expect(result.report.rules.sourceBugs, JSON.stringify(result.report.sourceBugs)).toBe(sourceBugs ?? 0);
    if (!untranslated && fixture.want.rules?.[0] === fixture.want.rules?.[1])
      expect(result.report.untranslated).toEqual([]);
  });
});
