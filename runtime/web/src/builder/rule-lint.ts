/**
 * The validator's diagnostics placed inside one rule: a rule-syntax message gives the character, an
 * unknown field names the `scope.field` it saw; anything else underlines the whole rule.
 */
import type { Diagnostic } from './builder-api.ts';

export interface RuleMark {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Diagnostics about the rule at `pointer` (its slot, or `{ rule }` inside it). */
export const diagnosticsAt = (diagnostics: readonly Diagnostic[], pointer: string) =>
  diagnostics.filter((d) => d.path === pointer || d.path.startsWith(`${pointer}/`));

function range(source: string, message: string): { from: number; to: number } {
  const whole = { from: 0, to: source.length };
  const at = /at character (\d+) of the rule/.exec(message);
  if (at) {
    const from = Math.min(Math.max(Number(at[1]) - 1, 0), source.length);
    const token = /^[A-Za-z0-9_.]+/.exec(source.slice(from));
    const to = Math.min(source.length, from + Math.max(token?.[0].length ?? 1, 1));
    return from < to ? { from, to } : { from: Math.max(0, source.length - 1), to: source.length };
  }
  for (const name of message.match(/[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*/g) ?? []) {
    const index = source.indexOf(name);
    if (index >= 0) return { from: index, to: index + name.length };
  }
  return whole;
}

export function ruleMarks(source: string, diagnostics: readonly Diagnostic[]): RuleMark[] {
  if (source.length === 0)
    return diagnostics.map((d) => ({ from: 0, to: 0, severity: d.severity, message: d.message }));
  return diagnostics.map((d) => ({ ...range(source, d.message), severity: d.severity, message: d.message }));
}
