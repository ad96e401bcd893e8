/**
 * Parses a rule: jsep reads JavaScript expression syntax, then this file converts its tree to our frozen
 * AST, accepting only the language's shapes. It never throws, whatever the text: every refusal is a
 * value with a message naming the offending token and its offset.
 */

import type { BinaryOperator, LogicalOperator, RuleNode } from './ast.ts';
import { FUNCTION_NAMES, findFunction } from './functions.ts';
import { type JsNode, parseJs, spanOf } from './jsep-positions.ts';
import * as n from './nodes.ts';
import { bareIdentifier, findKeyword, unknownFunction } from './parse-messages.ts';
import { isForbiddenKey } from './values.ts';

export const MAX_RULE_LENGTH = 2000;
export const MAX_RULE_DEPTH = 64;

export interface RuleSyntaxError {
  readonly message: string;
  /** 0-based offset of the offending character in the source. */
  readonly offset: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: RuleNode }
  | { readonly ok: false; readonly error: RuleSyntaxError };

class Refusal extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** JavaScript binary operators and the rule operator each means (`===` is `==`); translators reuse it. */
export const JS_BINARY_OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '==': '==',
  '===': '==',
  '!=': '!=',
  '!==': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  in: 'in',
};
const LOGICAL: Readonly<Record<string, LogicalOperator>> = { '&&': '&&', '||': '||', '??': '??' };
const OPERATOR_HINTS: Readonly<Record<string, string>> = {
  '&': '; for "and" write &&',
  '|': '; for "or" write ||',
};

export function parseRule(source: string): ParseResult {
  try {
    if (typeof source !== 'string') return refuse('a rule must be a text', 0);
    const first = source.search(/\S/);
    if (first < 0) return refuse('a rule cannot be empty', 0);
    if (source.length > MAX_RULE_LENGTH) {
      return refuse(
        `a rule is at most ${MAX_RULE_LENGTH} characters long; this one has ${source.length}`,
        MAX_RULE_LENGTH,
      );
    }
    const tree = readJs(source);
    const { start, end } = spanOf(tree);
    const last = source.trimEnd().length;
    if (tree.type !== 'Compound' && (start > first || end < last)) {
      const at = start > first ? first : end;
      return refuse(`unexpected '${source.charAt(at)}'`, at);
    }
    return { ok: true, ast: new Converter(source).convert(tree, 1) };
  } catch (e) {
    if (e instanceof Refusal) return refuse(e.message, e.offset);
    if (e instanceof RangeError) return refuse(`a rule nests at most ${MAX_RULE_DEPTH} levels deep`, 0);
    return refuse('this rule cannot be read', 0);
  }
}

const refuse = (message: string, offset: number): ParseResult => ({ ok: false, error: { message, offset } });

function readJs(source: string): JsNode {
  try {
    return parseJs(source);
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const { description, index } = (e ?? {}) as { description?: unknown; index?: unknown };
    const offset = typeof index === 'number' ? Math.min(Math.max(index, 0), source.length) : 0;
    const message = typeof description === 'string' ? description : 'this rule cannot be read';
    if (message === 'Unexpected "="')
      throw new Refusal("'=' assigns a value; to compare, write == (or ===)", offset);
    throw new Refusal(message, offset);
  }
}

class Converter {
  /** The innermost token jsep gave a position: members and calls inside it have none of their own. */
  private token = { start: 0, end: 0 };

  constructor(private readonly source: string) {}

  private fail(message: string, node: JsNode | number): never {
    throw new Refusal(message, typeof node === 'number' ? node : spanOf(node).start);
  }

  private text(node: JsNode): string {
    const { start, end } = spanOf(node);
    const text = this.source.slice(start, end).trim();
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }

  convert(node: JsNode, depth: number): RuleNode {
    if (depth > MAX_RULE_DEPTH) this.fail(`a rule nests at most ${MAX_RULE_DEPTH} levels deep`, node);
    const outer = this.token;
    if (node.start !== undefined) this.token = spanOf(node);
    try {
      return this.convertNode(node, depth);
    } finally {
      this.token = outer;
    }
  }

  private convertNode(node: JsNode, depth: number): RuleNode {
    const sub = (child: JsNode) => this.convert(child, depth + 1);
    switch (node.type) {
      case 'Literal':
        return this.literal(node);
      case 'Identifier':
        if (node.name === 'undefined') return n.literal(null);
        return this.fail(bareIdentifier(String(node.name)), node);
      case 'ThisExpression':
        return this.fail(
          "'this' is not part of the rule language; write value.key for a field of this record",
          node,
        );
      case 'MemberExpression':
        return this.member(node, sub);
      case 'CallExpression':
        return this.call(node, sub);
      case 'ArrayExpression': {
        const elements = node.elements as Array<JsNode | null>;
        if (elements.some((e) => e === null))
          this.fail(`a list cannot have an empty item: ${this.text(node)}`, node);
        return n.list(elements.map((e) => sub(e as JsNode)));
      }
      case 'UnaryExpression': {
        const op = String(node.operator);
        if (op !== '!' && op !== '-' && op !== '+') this.fail(`operator '${op}' is not supported`, node);
        return n.unary(op, sub(node.argument as JsNode));
      }
      case 'BinaryExpression':
        return this.binary(node, sub);
      case 'ConditionalExpression':
        return n.conditional(
          sub(node.test as JsNode),
          sub(node.consequent as JsNode),
          sub(node.alternate as JsNode),
        );
      case 'Compound':
        return this.compound(node);
      case 'SequenceExpression':
        return this.fail(
          `a comma separates only the items of a list or the arguments of a call: ${this.text(node)}`,
          node,
        );
      default:
        return this.fail(`unsupported syntax: ${this.text(node)}`, node);
    }
  }

  private literal(node: JsNode): RuleNode {
    const value = node.value;
    if (typeof value === 'number' && !Number.isFinite(value))
      this.fail(`number ${String(node.raw)} is too large`, node);
    // Empty is null: '' and null are the same value, so they are the same literal.
    if (value === '') return n.literal(null);
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      return n.literal(value);
    }
    return this.fail(`unsupported literal ${String(node.raw)}`, node);
  }

  /** `scope.key` or `scope['key']` is a field; `x.length` is length(x); nothing else has members. */
  private member(node: JsNode, sub: (c: JsNode) => RuleNode): RuleNode {
    const object = node.object as JsNode;
    const key = this.memberKey(node);
    if (object.type === 'Identifier') {
      const scope = String(object.name);
      const forbidden = [scope, key].find(isForbiddenKey);
      if (forbidden !== undefined)
        this.fail(`'${forbidden}' cannot name a scope or a field`, this.keyOffset(node, forbidden));
      if (key === '') this.fail('a field key cannot be empty', node);
      return n.field(scope, key);
    }
    if (object.type === 'ThisExpression') return sub(object);
    if (!node.computed && key === 'length') return n.call('length', [sub(object)]);
    if (object.type === 'MemberExpression' && (object.object as JsNode).type === 'Identifier') {
      const level = this.memberKey(object);
      this.fail(
        `${this.text(node)} reaches inside a field; fields are read as scope.key: write ${level}.${key} for the field ${key} of the level ${level}, or value.${key}`,
        this.keyOffset(node, key),
      );
    }
    return this.fail(
      `'${key}' can only follow a scope name (value, parent, a level key or choice): ${this.text(node)}`,
      this.keyOffset(node, key),
    );
  }

  private memberKey(node: JsNode): string {
    const property = node.property as JsNode;
    if (!node.computed && property.type === 'Identifier') return String(property.name);
    if (node.computed && property.type === 'Literal' && typeof property.value === 'string')
      return property.value;
    return this.fail(
      `write a field as scope['key'], with the key in quotes: ${this.text(node)}`,
      property.start ?? spanOf(node).start,
    );
  }

  /** Where `key` is written inside a member expression: its last occurrence in the node's (or token's) text. */
  private keyOffset(node: JsNode, key: string): number {
    const { start, end } = node.start !== undefined ? spanOf(node) : this.token;
    const at = this.source.lastIndexOf(key, end - key.length);
    return Math.max(at, start);
  }

  private call(node: JsNode, sub: (c: JsNode) => RuleNode): RuleNode {
    const callee = node.callee as JsNode;
    const args = (node.arguments as JsNode[]).map(sub);
    if (callee.type === 'Identifier') {
      const name = String(callee.name);
      if (!findFunction(name)) this.fail(unknownFunction(name), node);
      return n.call(name, args);
    }
    if (callee.type === 'MemberExpression') {
      const method = this.memberKey(callee);
      if (method === 'includes') return n.call('includes', [sub(callee.object as JsNode), ...args]);
      const hint = findFunction(method)
        ? `; write ${method}(…)`
        : `; the functions are ${FUNCTION_NAMES.join(', ')}`;
      return this.fail(`method ${method}() is not supported${hint}`, this.keyOffset(callee, method));
    }
    return this.fail(`only the language's functions can be called: ${this.text(node)}`, node);
  }

  private binary(node: JsNode, sub: (c: JsNode) => RuleNode): RuleNode {
    const op = String(node.operator);
    const left = node.left as JsNode;
    const right = node.right as JsNode;
    const logical = Object.hasOwn(LOGICAL, op) ? LOGICAL[op] : undefined;
    if (logical) return n.logical(logical, sub(left), sub(right));
    const binary = Object.hasOwn(JS_BINARY_OPERATORS, op) ? JS_BINARY_OPERATORS[op] : undefined;
    if (binary) return n.binary(binary, sub(left), sub(right));
    const at = this.source.indexOf(op, spanOf(left).end);
    return this.fail(`operator '${op}' is not supported${OPERATOR_HINTS[op] ?? ''}`, at >= 0 ? at : node);
  }

  /** Two expressions side by side: a missing operator, or a JavaScript keyword such as `new` or `typeof`. */
  private compound(node: JsNode): never {
    const keyword = findKeyword(node);
    if (keyword) this.fail(bareIdentifier(String(keyword.name)), keyword);
    const second = (node.body as JsNode[])[1];
    if (!second) return this.fail(`unexpected ${this.text(node)}`, node);
    return this.fail(`an operator is missing before '${this.text(second)}'`, second);
  }
}
