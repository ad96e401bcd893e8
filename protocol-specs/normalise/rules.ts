import type { ParsedRule } from '../resolved.ts';
import { parseRule } from '../rules/index.ts';

/** Thrown only when normalise() is given a spec the validator rejects: a programming error, not user input. */
export class InvalidSpecError extends Error {
  override readonly name = 'InvalidSpecError';
}

export function parsed(source: string, where: string): ParsedRule {
  const result = parseRule(source);
  if (!result.ok)
    throw new InvalidSpecError(`${where}: ${result.error.message}; validate the spec before normalising it`);
  return { source, ast: result.ast };
}

/** `a && b` as one rule, keeping both sources readable. */
export function conjunction(first: ParsedRule, second: ParsedRule | undefined, where: string): ParsedRule {
  return second === undefined ? first : parsed(`(${first.source}) && (${second.source})`, where);
}
