/**
 * Suivi rules → GeoNature JavaScript, the reverse of the importer's translation, shape for shape:
 * `value.x` (or `objForm.value.x` in a change handler), an ancestor `site.x` as
 * `meta.parents.site.properties.x`, `code(x)` as the nomenclature lookup, `currentUser()` as
 * `meta.id_role`, `includes(l, x)` as `l.includes(x)`, `==` as `===`. Other functions are declared as
 * helpers (js/helpers.ts) at the top of a block body, which import-gn recognises.
 */
import type { RuleNode } from '../../../protocol-specs/index.ts';
import { JS_HELPERS } from '../js/helpers.ts';
import { type Dialect, isIdentifier, printRule } from '../js/print-rule.ts';

export interface JsContext {
  /** How the record is named: `value` in field functions, `objForm.value` in change handlers. */
  readonly record: 'value' | 'objForm.value';
  /** GeoNature object name of each ancestor level key (`parent` is the single parent's). */
  readonly objects: ReadonlyMap<string, string>;
  /** Key of the single parent level, for the `parent` scope. */
  readonly parent?: string;
}

const member = (base: string, key: string) =>
  isIdentifier(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;

/** The list a `.includes` reads: a field may be empty (null in GeoNature), so it falls back to `[]`. */
const listOf = (node: RuleNode, print: (n: RuleNode) => string) =>
  node.kind === 'list' ? print(node) : node.kind === 'field' ? `(${print(node)} || [])` : `(${print(node)})`;

function dialect(ctx: JsContext, helpers: Set<string>): Dialect {
  const self: Dialect = {
    field: (node) => {
      if (node.scope === 'value') return member(ctx.record, node.key);
      const level = node.scope === 'parent' ? ctx.parent : node.scope;
      const object = (level && ctx.objects.get(level)) ?? level ?? node.scope;
      return member(`meta.parents.${object}.properties`, node.key);
    },
    call: (node, print) => {
      const [first, second] = node.args;
      if (node.callee === 'code' && first)
        return `(meta.nomenclatures[${print(first)}] || {}).cd_nomenclature`;
      if (node.callee === 'currentUser') return 'meta.id_role';
      if (node.callee === 'includes' && first && second)
        return `${listOf(first, print)}.includes(${print(second)})`;
      if (node.callee === 'length' && first && first.kind === 'field') return `${print(first)}?.length`;
      helpers.add(node.callee);
      return `${node.callee}(${node.args.map(print).join(', ')})`;
    },
    operator: (op) => (op === '==' ? '===' : op === '!=' ? '!==' : op),
    membership: (item, list, print) => `${listOf(list, print)}.includes(${item})`,
  };
  return self;
}

/** The body of a rule as JavaScript, and the helpers it needs. */
export function ruleToJs(rule: RuleNode, ctx: JsContext): { expression: string; helpers: string[] } {
  const helpers = new Set<string>();
  const expression = printRule(rule, dialect(ctx, helpers));
  return { expression, helpers: [...helpers].sort() };
}

export const helperDeclarations = (names: readonly string[]): string[] =>
  names.flatMap((name) => (JS_HELPERS[name] ? [`const ${name} = ${JS_HELPERS[name]};`] : []));

/** A field function: `({value, meta}) => expression`, or a block declaring the helpers it uses. */
export function ruleFunction(rule: RuleNode, ctx: Omit<JsContext, 'record'>): string {
  const { expression, helpers } = ruleToJs(rule, { ...ctx, record: 'value' });
  if (helpers.length === 0) return `({value, meta}) => ${expression}`;
  return `({value, meta}) => { ${helperDeclarations(helpers).join(' ')} return ${expression}; }`;
}
