/**
 * Prints a rule tree with only the parentheses precedence needs, so imported rules read like the
 * GeoNature originals (`value.a == 'x' && value.b != 1`, where formatRule would write
 * `(value.a == 'x') && (value.b != 1)`). The same printer writes JavaScript for `export-gn` through a
 * dialect that changes how fields, calls and operators are spelled. Precedences are jsep's, which is
 * what both Suivi's parser and the importer read with: parseRule(printRule(ast)) is ast.
 */
import { formatRule, type RuleNode } from '../../../protocol-specs/index.ts';

type Node<K extends RuleNode['kind']> = Extract<RuleNode, { kind: K }>;

export interface Dialect {
  field(node: Node<'field'>): string;
  /** A call; `print` prints an argument. */
  call(node: Node<'call'>, print: (arg: RuleNode) => string): string;
  operator(op: string): string;
  /** `x in list`, given the printed item and the list node; defaults to the `in` operator. */
  membership?(item: string, list: RuleNode, print: (node: RuleNode) => string): string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const SUIVI_DIALECT: Dialect = {
  field: (node) => formatRule(node),
  call: (node, print) => `${node.callee}(${node.args.map(print).join(', ')})`,
  operator: (op) => op,
};

const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '??': 1,
  '&&': 2,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  in: 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const CONDITIONAL = 0;
const UNARY = 15;
const ATOM = 20;

function precedence(node: RuleNode): number {
  switch (node.kind) {
    case 'conditional':
      return CONDITIONAL;
    case 'binary':
    case 'logical':
      return PRECEDENCE[node.operator] ?? CONDITIONAL;
    case 'unary':
      return UNARY;
    case 'literal':
      return typeof node.value === 'number' && node.value < 0 ? UNARY : ATOM;
    default:
      return ATOM;
  }
}

/** JavaScript refuses `a ?? b || c` without parentheses; so do we, both ways. */
const mixesNullish = (parent: RuleNode, child: RuleNode) =>
  parent.kind === 'logical' &&
  child.kind === 'logical' &&
  (parent.operator === '??') !== (child.operator === '??');

export function printRule(node: RuleNode, dialect: Dialect = SUIVI_DIALECT): string {
  const print = (n: RuleNode): string => printRule(n, dialect);
  const wrap = (child: RuleNode, needs: boolean) => (needs ? `(${print(child)})` : print(child));
  switch (node.kind) {
    case 'literal':
      return formatRule(node);
    case 'field':
      return dialect.field(node);
    case 'list':
      return `[${node.items.map(print).join(', ')}]`;
    case 'call':
      return dialect.call(node, print);
    case 'unary':
      return `${node.operator}${wrap(node.operand, precedence(node.operand) < UNARY)}`;
    case 'binary':
    case 'logical': {
      const p = precedence(node);
      const left = wrap(node.left, precedence(node.left) < p || mixesNullish(node, node.left));
      const right = wrap(node.right, precedence(node.right) <= p || mixesNullish(node, node.right));
      if (node.operator === 'in' && dialect.membership)
        return dialect.membership(print(node.left), node.right, print);
      return `${left} ${dialect.operator(node.operator)} ${right}`;
    }
    case 'conditional': {
      const test = wrap(node.test, precedence(node.test) <= CONDITIONAL);
      const consequent = wrap(node.consequent, node.consequent.kind === 'conditional');
      return `${test} ? ${consequent} : ${print(node.alternate)}`;
    }
  }
}

export const isIdentifier = (key: string): boolean => IDENTIFIER.test(key);
