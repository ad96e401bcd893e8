/**
 * What the server would refuse, checked in the browser before the form is sent, so the user hears it at
 * the field while filling it in rather than after everything else: bounds given by rules (a date inside
 * the protocol's window, a count above another), numbers with more decimals than the field keeps, and
 * a taxon typed but not picked. The rules are the generated rules.json the server also enforces; the
 * problems carry the server's codes, so they are worded as the server's are (error-messages.ts).
 */
import { isTruthy } from '../../../../protocol-specs/rules/index.ts';
import type { CheckRules, FieldRules, Json, Labels, RuleSource } from '../api.ts';
import { type RuleScopes, runRule } from './live-rules.ts';

export interface FormProblem {
  /** JSON pointer of the field, as the server's problems: `/visit_date_min`. */
  readonly path: string;
  /** The server's violation code (`min`, `max`, `decimals`) or `taxon_unpicked`. */
  readonly code: string;
  readonly expected?: string | number;
  /** A record check's own message (code `check`). */
  readonly message?: Labels;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** The rules' order: numbers, or texts in code point order (ISO dates and times order as such). */
function outside(value: unknown, limit: unknown, side: 'min' | 'max'): boolean {
  const comparable =
    (typeof value === 'number' && typeof limit === 'number') ||
    (typeof value === 'string' && typeof limit === 'string');
  if (!comparable) return false;
  return side === 'min' ? (value as number | string) < limit : (value as number | string) > limit;
}

const BOUNDS = ['min', 'max'] as const;

/** The rule-valued bounds `data` breaks, for the fields not hidden. */
export function boundProblems(
  fields: Readonly<Record<string, FieldRules>>,
  data: Json,
  scopes: RuleScopes,
  hidden: ReadonlySet<string> = new Set(),
): FormProblem[] {
  const out: FormProblem[] = [];
  for (const [key, rules] of Object.entries(fields)) {
    const value = data[key];
    if (hidden.has(key) || isEmpty(value)) continue;
    for (const side of BOUNDS) {
      const rule: RuleSource | undefined = rules[side];
      if (!rule) continue;
      const limit = runRule(rule, data, scopes);
      if ((typeof limit === 'number' || typeof limit === 'string') && outside(value, limit, side))
        out.push({ path: `/${key}`, code: side, expected: limit });
    }
  }
  return out;
}

/** The digits after the point of a number as typed (`1.5e-7` counts as 8). */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const [digits = '', exponent] = String(n).split('e');
  const fraction = digits.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** Numbers with more decimals than their field keeps (the uiSchema's `decimals` option). */
export function decimalProblems(ui: Json, data: Json): FormProblem[] {
  const out: FormProblem[] = [];
  for (const [key, value] of Object.entries(data)) {
    const allowed = ((ui[key] as Json | undefined)?.['ui:options'] as Json | undefined)?.decimals;
    if (typeof value !== 'number' || typeof allowed !== 'number') continue;
    if (decimalsOf(value) > allowed) out.push({ path: `/${key}`, code: 'decimals', expected: allowed });
  }
  return out;
}

/**
 * A new record's rule defaults, less those its own bounds refuse: today() is no default for a date
 * whose window (the protocol's season, the campaign's period) does not hold today. Left empty, the
 * user types the real date instead of sending today's by mistake.
 */
export function defaultsWithinBounds(
  fields: Readonly<Record<string, FieldRules>>,
  data: Json,
  scopes: RuleScopes,
): Json {
  const refused = new Set(
    boundProblems(fields, data, scopes)
      .map((p) => p.path.slice(1))
      .filter((key) => fields[key]?.default !== undefined),
  );
  return Object.fromEntries(Object.entries(data).filter(([key]) => !refused.has(key)));
}

/**
 * The level's record checks the data fails, each at every field it lists (at the record, path "", when
 * it lists none), with the check's own message: the same rules the server and the database enforce.
 */
export function recordCheckProblems(
  checks: readonly CheckRules[],
  data: Json,
  scopes: RuleScopes,
): FormProblem[] {
  return checks.flatMap((check) => {
    if (isTruthy(runRule(check.rule, data, scopes))) return [];
    const paths = check.fields.length > 0 ? check.fields.map((f) => `/${f}`) : [''];
    return paths.map((path) => ({ path, code: 'check', message: check.message }));
  });
}
