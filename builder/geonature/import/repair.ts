/**
 * The last stage: the spec must pass `validateSpec` with no error. The validator is the authority, so it
 * is asked, and each error is answered by taking out the smallest thing at its path: a translated rule
 * (then reported untranslated, with the validator's reason), an item of a list, a property, and as a
 * last resort the field. Every removal is a warning. Repeats until nothing is left to repair.
 */
import { type Diagnostic, validateSpec } from '../../../protocol-specs/index.ts';
import type { Collector } from './collector.ts';
import type { Provenance } from './provenance.ts';

type Node = Record<string, unknown> | unknown[];

const RULE_SLOTS = new Set(['visibleIf', 'required', 'computed', 'filter', 'min', 'max', 'default']);
const IDENTITY = new Set(['kind', 'key', 'id']);
const MAX_ROUNDS = 100;
export const SPEC_FILE = '(suivi spec)';

const parse = (path: string): string[] =>
  path === ''
    ? []
    : path
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));

export function repairSpec(
  spec: Record<string, unknown>,
  provenance: Provenance,
  collector: Collector,
): Diagnostic[] {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const diagnostics = validateSpec(spec);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return diagnostics;
    // One error per place, deepest and last first, so earlier indices stay valid while removing.
    const targets = new Map<string, Diagnostic>();
    for (const e of errors) if (!targets.has(e.path)) targets.set(e.path, e);
    const ordered = [...targets.values()].sort((a, b) => compareDesc(parse(a.path), parse(b.path)));
    let changed = false;
    for (const d of ordered) changed = fix(spec, d, provenance, collector) || changed;
    if (!changed) return diagnostics;
  }
  return validateSpec(spec);
}

function compareDesc(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i] as string, b[i] as string];
    if (x === y) continue;
    const [nx, ny] = [Number(x), Number(y)];
    return Number.isInteger(nx) && Number.isInteger(ny) ? ny - nx : y < x ? -1 : 1;
  }
  return b.length - a.length;
}

function fix(
  spec: Record<string, unknown>,
  d: Diagnostic,
  provenance: Provenance,
  collector: Collector,
): boolean {
  const segments = parse(d.path);
  const chain: Array<{ node: Node; key: string }> = [];
  let node: unknown = spec;
  for (const s of segments) {
    if (typeof node !== 'object' || node === null) break;
    chain.push({ node: node as Node, key: s });
    node = (node as Record<string, unknown>)[s];
  }
  if (chain.length !== segments.length || chain.length < 2) return false;
  // The field the path is in, if any: …/fields/<i>.
  const fieldAt = chain.findLastIndex(
    (c, i) => i > 0 && chain[i - 1]?.key === 'fields' && Array.isArray(c.node),
  );
  const message = `${d.rule}: ${d.message}`;
  if (segments[0] === 'levels' && segments[2] === 'checks')
    return dropChecks(chain, provenance, collector, d);
  if (fieldAt >= 0) {
    const { node: fields, key: index } = chain[fieldAt] as { node: unknown[]; key: string };
    const field = fields[Number(index)] as Record<string, unknown>;
    const slot = chain[fieldAt + 1]?.key;
    const origin = slot ? provenance.origin(field, slot) : undefined;
    if (slot && RULE_SLOTS.has(slot) && chain.length === fieldAt + 2) {
      delete field[slot];
      if (origin) collector.demote(origin.file, origin.path, `Suivi refused the translation (${message})`);
      else collector.warn(SPEC_FILE, d.path, `${slot} of ${String(field.key)} left out (${message})`);
      return true;
    }
    if (slot === undefined || IDENTITY.has(slot) || chain.length === fieldAt + 1) {
      for (const o of provenance.origins(field).values())
        collector.demote(o.file, o.path, `its field ${String(field.key)} was left out (${message})`);
      fields.splice(Number(index), 1);
      collector.warn(SPEC_FILE, d.path, `field ${String(field.key)} left out (${message})`);
      return true;
    }
  }
  const last = chain.at(-1) as { node: Node; key: string };
  if (chain.length <= 2) return false; // a level or the protocol itself: nothing small enough to take out
  if (Array.isArray(last.node)) last.node.splice(Number(last.key), 1);
  else delete last.node[last.key];
  collector.warn(SPEC_FILE, d.path, `left out (${message})`);
  // An emptied list is no list: take the key away too (`codes: []` is not "every code").
  const parent = chain.at(-2);
  if (
    Array.isArray(last.node) &&
    last.node.length === 0 &&
    parent &&
    !Array.isArray(parent.node) &&
    parent.key !== 'fields'
  ) {
    delete parent.node[parent.key];
  }
  return true;
}

/**
 * A record check the validator refuses (or a spec language without `checks`): the check is taken out and
 * its GeoNature rule reported untranslated with the reason.
 */
function dropChecks(
  chain: ReadonlyArray<{ node: Node; key: string }>,
  provenance: Provenance,
  collector: Collector,
  d: Diagnostic,
): boolean {
  const level = chain[2]?.node as Record<string, unknown> | undefined;
  const checks = level?.checks;
  if (!level || !Array.isArray(checks)) return false;
  const index = chain[3] ? Number(chain[3].key) : undefined;
  const removed = index === undefined ? [...checks] : checks.splice(index, 1);
  if (index === undefined || checks.length === 0) delete level.checks;
  for (const check of removed) {
    const origin = provenance.origin(check as object, 'rule');
    const reason = `Suivi refused the record check ${String((check as { id?: unknown }).id)} (${d.rule}: ${d.message})`;
    if (origin) collector.demote(origin.file, origin.path, reason);
    collector.warn(SPEC_FILE, d.path, reason);
  }
  return true;
}
