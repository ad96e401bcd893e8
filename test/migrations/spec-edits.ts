/**
 * Spec edits for the migration tests: every field key renamed (`<key>_x`) under the same ids, with every
 * reference to it (rules, lists, sorts, occurrence mapping) following, as an author renaming by hand.
 */
import type { Spec } from './mini-spec.ts';

export function renameEveryKey(spec: Spec): Spec {
  const keys = new Set<string>();
  const walk = (fields: Spec[] | undefined) => {
    for (const f of fields ?? []) {
      if (f.id && f.kind !== 'section' && !f.fields) keys.add(f.key);
      walk(f.fields);
    }
  };
  for (const level of spec.levels) walk(level.fields);
  // Ids stay: they are what pairs the two versions. Set aside, then put back.
  const ids: string[] = [];
  let text = JSON.stringify(spec).replace(/"id":"([^"]*)"/g, (_m, id: string) => {
    ids.push(id);
    return `"id":"@@${ids.length - 1}@@"`;
  });
  for (const key of keys)
    text = text.replace(new RegExp(`(?<![A-Za-z0-9_])${key}(?![A-Za-z0-9_])`, 'g'), `${key}_x`);
  return JSON.parse(text.replace(/@@(\d+)@@/g, (_m, n: string) => ids[Number(n)] ?? ''));
}
