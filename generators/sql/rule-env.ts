/**
 * Rules as SQL: the column environment the rule compiler reads, and scope rewriting. The compiler only
 * reads `value.<key>` from its `columns` map; renaming other scopes into keys of that map lets one row of
 * a join (the SINP view) or a group row (`row.x`) be compiled with the same, exact translation.
 */
import {
  type FieldNode,
  type ResolvedField,
  type RuleNode,
  type RuleNodeKind,
  ruleNodes,
  ruleTypeOf,
  type SqlColumn,
  type SqlRuleEnvironment,
} from '../../protocol-specs/index.ts';
import { ident } from './names.ts';

/** A field stored as one column of a table: what rules can read of it. */
export interface InlineField {
  readonly field: ResolvedField;
  readonly column: string;
}

export function ruleTypeOfField(field: ResolvedField) {
  const multiple = 'multiple' in field ? field.multiple : false;
  const codes =
    field.kind === 'choice'
      ? field.choices.map((c) => c.value)
      : field.kind === 'vocabulary'
        ? field.codes
        : undefined;
  return ruleTypeOf(field.kind, multiple, codes);
}

/** `key` → column SQL (`alias.col` when an alias is given) for every inline field rules can read. */
export function columnsOf(
  fields: readonly InlineField[],
  alias?: string,
  keyPrefix = '',
): Record<string, SqlColumn> {
  const out: Record<string, SqlColumn> = {};
  for (const { field, column } of fields) {
    const type = ruleTypeOfField(field);
    if (!type) continue;
    out[`${keyPrefix}${field.key}`] = { sql: alias ? `${alias}.${ident(column)}` : ident(column), type };
  }
  return out;
}

export const environment = (columns: Record<string, SqlColumn>): SqlRuleEnvironment => ({ columns });

type Rename = (node: FieldNode) => FieldNode;
type Rewriter<K extends RuleNodeKind> = (node: Extract<RuleNode, { kind: K }>, rename: Rename) => RuleNode;

const REWRITERS: { readonly [K in RuleNodeKind]: Rewriter<K> } = {
  literal: (node) => node,
  field: (node, rename) => rename(node),
  list: (node, rename) => ruleNodes.list(node.items.map((i) => rescope(i, rename))),
  unary: (node, rename) => ruleNodes.unary(node.operator, rescope(node.operand, rename)),
  binary: (node, rename) =>
    ruleNodes.binary(node.operator, rescope(node.left, rename), rescope(node.right, rename)),
  logical: (node, rename) =>
    ruleNodes.logical(node.operator, rescope(node.left, rename), rescope(node.right, rename)),
  conditional: (node, rename) =>
    ruleNodes.conditional(
      rescope(node.test, rename),
      rescope(node.consequent, rename),
      rescope(node.alternate, rename),
    ),
  call: (node, rename) =>
    ruleNodes.call(
      node.callee,
      node.args.map((a) => rescope(a, rename)),
    ),
};

/** A new tree with every field reference renamed; the input (frozen) is left as it is. */
export function rescope(ast: RuleNode, rename: Rename): RuleNode {
  const rewrite = REWRITERS[ast.kind] as Rewriter<RuleNodeKind>;
  return rewrite(ast as never, rename);
}

/**
 * For a group row's table: `row.x` is a column of this table; `value.x` (the record) lives in the
 * owner's table, so it is renamed to a scope the compiler refuses with a clear reason.
 */
export const rowScope: Rename = (node) =>
  node.scope === 'row'
    ? ruleNodes.field('value', node.key)
    : node.scope === 'value'
      ? ruleNodes.field('record', node.key)
      : node;

/**
 * For one row of a join (a record and its ancestors): `<level>.x` and `parent.x` become the keys
 * `<level>.x` of the columns map (field keys never hold a dot, so they cannot clash with `value.x`).
 */
export function joinedScope(parent: string | undefined): Rename {
  return (node) => {
    if (node.scope === 'value') return node;
    const level = node.scope === 'parent' ? parent : node.scope;
    return level ? ruleNodes.field('value', `${level}.${node.key}`) : node;
  };
}
