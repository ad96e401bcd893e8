/**
 * When two specs describe the same protocol: what the round trip through GeoNature must keep. Both are
 * compiled and their resolved protocols compared (so defaults written out or left implicit, and field
 * sets folded or not, compare equal): same levels (key, type, parents, geometry, display), same fields
 * (key, kind, id, labels, requirement, choices, vocabulary, bounds, defaults) and same rules, compared as
 * syntax trees after two rewrites that do not change meaning: `parent.x` is the single parent's `<key>.x`,
 * and `x in l` is `includes(l, x)` (docs/rules.md says both).
 */
import {
  compileProtocol,
  ruleNodes as n,
  type ParsedRule,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
  type RuleNode,
} from '../../protocol-specs/index.ts';

export interface Equivalence {
  readonly equivalent: boolean;
  /** One line per difference: where, and the two values. */
  readonly differences: readonly string[];
}

export function equivalentSpecs(a: unknown, b: unknown): Equivalence {
  const [left, right] = [compileProtocol(a), compileProtocol(b)];
  if (!left.ok || !right.ok) {
    const which = !left.ok ? 'the first spec' : 'the second spec';
    return { equivalent: false, differences: [`${which} does not compile`] };
  }
  const differences: string[] = [];
  compare(summary(left.protocol), summary(right.protocol), '', differences);
  return { equivalent: differences.length === 0, differences };
}

function summary(p: ResolvedProtocol): unknown {
  return {
    code: p.code,
    taxonomy: p.taxonomy,
    datasets: p.datasets,
    vocabularies: Object.fromEntries(
      p.vocabularies.map((v) => [v.code, { id: v.id, label: v.label, values: v.values }]),
    ),
    levels: Object.fromEntries(p.levels.map((l) => [l.key, level(l, p)])),
    occurrence: p.occurrence ? normaliseDeep(p.occurrence, undefined) : undefined,
  };
}

function level(l: ResolvedLevel, p: ResolvedProtocol): unknown {
  const parent = l.parents.length === 1 ? l.parents[0] : undefined;
  return {
    id: l.id,
    type: l.type,
    parents: [...l.parents].sort(),
    label: l.label,
    plural: l.plural,
    geometry: l.geometry,
    list: l.list,
    detail: l.detail,
    sort: l.sort,
    keep: l.keep,
    mapLabel: l.mapLabel,
    fieldSets: l.fieldSets,
    fields: Object.fromEntries(l.fields.map((f) => [f.key, field(f, parent)])),
    checks: normaliseDeep(l.checks ?? [], parent),
    levels: p.levels.length,
  };
}

const field = (f: ResolvedField, parent: string | undefined): unknown => normaliseDeep(f, parent);

/** Replaces every parsed rule by its normalised tree; keeps everything else. */
function normaliseDeep(value: unknown, parent: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => normaliseDeep(v, parent));
  if (typeof value !== 'object' || value === null) return value;
  if (isParsedRule(value)) return { rule: normaliseRule(value.ast, parent) };
  // Where a field sits in the authored file says nothing about the protocol.
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (k === 'sourcePath' ? [] : [[k, normaliseDeep(v, parent)]])),
  );
}

const isParsedRule = (v: object): v is ParsedRule => 'source' in v && 'ast' in v;

export function normaliseRule(node: RuleNode, parent: string | undefined): RuleNode {
  const go = (x: RuleNode) => normaliseRule(x, parent);
  switch (node.kind) {
    case 'field':
      return node.scope === 'parent' && parent ? n.field(parent, node.key) : node;
    case 'literal':
      return node;
    case 'list':
      return n.list(node.items.map(go));
    case 'unary':
      return n.unary(node.operator, go(node.operand));
    case 'binary':
      return node.operator === 'in'
        ? n.call('includes', [go(node.right), go(node.left)])
        : n.binary(node.operator, go(node.left), go(node.right));
    case 'logical':
      return n.logical(node.operator, go(node.left), go(node.right));
    case 'conditional':
      return n.conditional(go(node.test), go(node.consequent), go(node.alternate));
    case 'call':
      return n.call(node.callee, node.args.map(go));
  }
}

function compare(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length >= 50) return;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${path || '/'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of [...keys].sort()) {
    compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`, out);
  }
}
