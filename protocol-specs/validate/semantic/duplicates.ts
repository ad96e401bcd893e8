import { type Diagnostic, error } from '../../diagnostics.ts';

/** One diagnostic per repeated occurrence of a name, pointing at the repeat and naming the first. */
export function duplicates<T>(
  items: readonly T[],
  name: (item: T) => string | undefined,
  path: (item: T) => string,
  rule: string,
  what: string,
): Diagnostic[] {
  const first = new Map<string, T>();
  const out: Diagnostic[] = [];
  for (const item of items) {
    const n = name(item);
    if (n === undefined) continue;
    const earlier = first.get(n);
    if (earlier === undefined) first.set(n, item);
    else out.push(error(rule, path(item), `${what} "${n}" is already used at ${path(earlier)}`));
  }
  return out;
}
