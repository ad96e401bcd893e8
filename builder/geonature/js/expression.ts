/**
 * Translates one GeoNature JavaScript expression into a Suivi rule tree. jsep reads the syntax (nothing is
 * ever evaluated); this file maps its tree, shape by shape, onto the rule language: `value.x` and
 * `objForm.value.x` are fields, `meta.nomenclatures[x].cd_nomenclature` is `code(x)`, `value.cd_nom.cd_nom`
 * is the taxon, `meta.parents.site.properties.x` an ancestor field, `[…].includes(x)` a call. Anything
 * else is refused with a reason.
 */
import jsep from 'jsep';
import {
  FUNCTION_NAMES,
  JS_BINARY_OPERATORS,
  ruleNodes as n,
  type RuleNode,
} from '../../../protocol-specs/index.ts';
import { EMPTY_OBJECT, prepareExpression } from './arrow.ts';
import { codeNamed, includesOnChoice, resolveText } from './intent.ts';
import { dropGuard, indexOfTest, isFallback, isNull, NAME_ATTRIBUTES, VALIDITY } from './js-idioms.ts';
import { memberText, readChain, type Segment, unguarded } from './member-chain.ts';
import { printRule } from './print-rule.ts';
import type { ExpressionScope, FieldLookup, ScopeField } from './scope.ts';

type JsNode = jsep.Expression;

export class Untranslatable extends Error {}

export interface ExpressionOptions {
  readonly scope: ExpressionScope;
  /** Constants of a block body (`const total = …`), already translated. */
  readonly consts?: ReadonlyMap<string, RuleNode>;
  /** Read `objForm.controls.x.valid` as true: in the condition of a record check (see change-handler.ts). */
  readonly formValidity?: boolean;
  /** Suivi functions a block body declares as JavaScript helpers (written by `export-gn`). */
  readonly helpers?: ReadonlySet<string>;
}

export type ExpressionResult =
  | {
      readonly ok: true;
      readonly ast: RuleNode;
      readonly fixes: readonly string[];
      /** Source bugs found: the GeoNature rule never fires as written (see intent.ts). */
      readonly bugs?: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** The scope of the user's datasets (`Object.keys(meta.dataset)`), which only the one-dataset idiom reads. */
export const USER_DATASETS = 'gn_user';

export function translateExpression(source: string, options: ExpressionOptions): ExpressionResult {
  const prepared = prepareExpression(source);
  let tree: JsNode;
  try {
    tree = jsep(prepared.source);
  } catch (e) {
    return { ok: false, reason: `not an expression: ${(e as Error).message}` };
  }
  try {
    const translator = new Translator(options);
    const ast = translator.node(tree);
    if (translator.pendingAttributes > 0)
      throw new Untranslatable("a nomenclature's mnemonic or label is read other than compared with a text");
    return {
      ok: true,
      ast,
      fixes: [...prepared.fixes, ...translator.notes],
      ...(translator.bugs.length > 0 ? { bugs: translator.bugs } : {}),
    };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
}

/** What each field node is, so that literals compared with it can be read as JavaScript reads them. */
const FIELD_INFO = new WeakMap<RuleNode, ScopeField>();

class Translator {
  /** What each field node is (shared: a block's locals are translated before the rules reading them). */
  private readonly fields = FIELD_INFO;
  readonly notes: string[] = [];
  readonly bugs: string[] = [];
  /** `meta.nomenclatures[x].mnemonique` (or a label): a code(x) node waiting for the text it is compared with. */
  private readonly attributes = new WeakSet<RuleNode>();
  pendingAttributes = 0;

  constructor(private readonly options: ExpressionOptions) {}

  node(js: JsNode): RuleNode {
    switch (js.type) {
      case 'Literal':
        return this.literal(js.value);
      case 'Identifier':
        return this.identifier(String(js.name));
      case 'ArrayExpression':
        return n.list((js.elements as Array<JsNode | null>).map((e) => (e ? this.node(e) : n.literal(null))));
      case 'UnaryExpression': {
        const op = String(js.operator);
        if (op !== '!' && op !== '-' && op !== '+')
          throw new Untranslatable(`operator ${op} has no rule equivalent`);
        return n.unary(op, this.node(js.argument as JsNode));
      }
      case 'BinaryExpression':
        return this.binary(js);
      case 'ConditionalExpression':
        return n.conditional(
          this.node(js.test as JsNode),
          this.node(js.consequent as JsNode),
          this.node(js.alternate as JsNode),
        );
      case 'MemberExpression':
        return this.member(js);
      case 'CallExpression':
        return this.call(js);
      default:
        throw new Untranslatable(`${js.type} has no rule equivalent`);
    }
  }

  private literal(value: unknown): RuleNode {
    if (value === '' || value === null || value === undefined) return n.literal(null);
    if (typeof value === 'string' || typeof value === 'boolean') return n.literal(value);
    if (typeof value === 'number' && Number.isFinite(value)) return n.literal(value);
    throw new Untranslatable(`literal ${String(value)} has no rule equivalent`);
  }

  private identifier(name: string): RuleNode {
    if (name === 'undefined') return n.literal(null);
    const constant = this.options.consts?.get(name);
    if (constant) return constant;
    if (name === EMPTY_OBJECT)
      throw new Untranslatable('an object literal {} is only understood as a null guard');
    throw new Untranslatable(`'${name}' is not a field, a constant or a value`);
  }

  private binary(js: JsNode): RuleNode {
    const op = String(js.operator);
    const left = js.left as JsNode;
    const right = js.right as JsNode;
    // `(x || {})` and `(x || [])` only guard against a null x, which Suivi's operations already handle.
    if (op === '||' && right.type === 'Identifier' && right.name === EMPTY_OBJECT) return this.node(left);
    if (op === '||' && right.type === 'ArrayExpression' && (right.elements as unknown[]).length === 0)
      return this.node(left);
    if (op === '&&' || op === '||' || op === '??') {
      const l = this.node(left);
      const r = this.node(right);
      // `(null || undefined)`, a confused way of writing null: JavaScript's value is null.
      if (op === '||' && isNull(l) && isNull(r)) return n.literal(null);
      if (op === '&&') return dropGuard(l, r) ?? n.logical('&&', l, r);
      // `(x || '')`: a guard against null for a text, which Suivi's operations already handle.
      if (op === '||' && isNull(r) && !['integer', 'decimal'].includes(this.fields.get(l)?.kind ?? 'integer'))
        return l;
      // `x || 0`, `x || 'texte'`: a value with a fallback, which Suivi's `||` (a boolean) is not.
      if (op === '||' && isFallback(l, r, this.fields.get(l))) return n.call('coalesce', [l, r]);
      return n.logical(op, l, r);
    }
    const found = indexOfTest(op, left, right);
    if (found) {
      const membership = this.includes(found.call);
      return found.present ? membership : n.unary('!', membership);
    }
    const mapped = Object.hasOwn(JS_BINARY_OPERATORS, op) ? JS_BINARY_OPERATORS[op] : undefined;
    if (!mapped) throw new Untranslatable(`operator ${op} has no rule equivalent`);
    const [l, r] = [this.node(left), this.node(right)];
    const loose = op === '==' || op === '!=';
    if (mapped === '==' || mapped === '!=') {
      const [a, b] = [this.coerce(l, r, loose), this.coerce(r, l, loose)];
      return n.binary(mapped, this.named(a, b, mapped), this.named(b, a, mapped));
    }
    if (mapped === 'in') return n.binary('in', l, this.coerceList(r, l));
    return n.binary(mapped, l, r);
  }

  /**
   * A number compared with a text value. Choices whose GeoNature values were numbers are text codes now,
   * so the number becomes its code; and JavaScript's loose `==` compares `'2' == 2` as equal, so with
   * `==` the number becomes the text it matches. Strict `===` of a text with a number stays as written
   * (never true, in GeoNature too), for the validator to report.
   */
  private coerce(side: RuleNode, other: RuleNode, loose: boolean): RuleNode {
    if (side.kind !== 'literal' || typeof side.value !== 'number') return side;
    const number = side.value;
    const info = this.fields.get(other);
    const matching = info?.choices?.filter((c) => c.trim() !== '' && Number(c) === number) ?? [];
    if (info?.numericChoices || (loose && info?.choices)) return n.literal(matching[0] ?? String(number));
    const textual = info
      ? ['text', 'long_text', 'vocabulary'].includes(info.kind)
      : other.kind === 'call' && other.callee === 'code';
    return loose && textual ? n.literal(String(number)) : side;
  }

  private coerceList(list: RuleNode, item: RuleNode): RuleNode {
    return list.kind === 'list'
      ? n.list(list.items.map((i) => this.named(this.coerce(i, item, false), item, 'in')))
      : list;
  }

  /**
   * A text compared with a choice or vocabulary that is not one of its codes: the code of the one value
   * it names (a mnemonic, a label), for a deliberate attribute test or, as a source bug, for a code test.
   */
  private named(side: RuleNode, other: RuleNode, op: string): RuleNode {
    if (side.kind !== 'literal' || typeof side.value !== 'string') return side;
    const info = this.fields.get(other);
    if (!info) return side;
    if (this.attributes.has(other)) {
      const code = codeNamed(side.value, info);
      if (code === undefined)
        throw new Untranslatable(
          `'${side.value}' names no single value of ${info.key} (by mnemonic or label)`,
        );
      this.pendingAttributes--;
      return n.literal(code);
    }
    const resolved = resolveText(side.value, info, `${printRule(other)} ${op} '${side.value}'`);
    if (!resolved) return side;
    if (resolved.bug) this.bugs.push(resolved.bug);
    return n.literal(resolved.code);
  }

  private call(js: JsNode): RuleNode {
    const callee = js.callee as JsNode;
    const args = js.arguments as JsNode[];
    if (callee.type === 'MemberExpression' && !callee.computed) {
      const method = String((callee.property as JsNode).name);
      if (method === 'includes') return this.includes(js);
      if (method === 'keys' && (callee.object as JsNode).name === 'Object') return this.objectKeys(args[0]);
    }
    if (callee.type === 'Identifier') {
      const name = String(callee.name);
      if (['parseInt', 'parseFloat', 'Number'].includes(name) && args[0]) return this.numberOf(args[0]);
      if (this.options.helpers?.has(name) && (FUNCTION_NAMES as readonly string[]).includes(name)) {
        return n.call(
          name,
          args.map((a) => this.node(a)),
        );
      }
    }
    const text = callee.type === 'MemberExpression' ? memberText(callee) : String(callee.name ?? callee.type);
    throw new Untranslatable(`${text}(…) has no rule equivalent`);
  }

  /** `x.includes(y)` (also reached from `x.indexOf(y) !== -1`): membership, substring or equality by x's kind. */
  private includes(js: JsNode): RuleNode {
    const callee = js.callee as JsNode;
    const list = this.node(callee.object as JsNode);
    const item = this.node((js.arguments as JsNode[])[0] ?? { type: 'Literal', value: null });
    const info = this.fields.get(list);
    if (info && !info.multiple && (info.kind === 'choice' || list.kind === 'call')) {
      const single = includesOnChoice(
        list,
        { ...info, choices: info.choices ?? info.values?.map((v) => v.code) },
        item,
      );
      if (single) return single;
      throw new Untranslatable(`${info.key} holds one code: .includes() on it needs a literal text`);
    }
    if (info?.kind === 'vocabulary' && !info.multiple)
      throw new Untranslatable(
        `${info.key} holds a nomenclature id in GeoNature (a number): .includes() on it fails there`,
      );
    return n.call('includes', [this.coerceList(list, item), item]);
  }

  /** `Object.keys(meta.dataset)`: the user's datasets, which only the one-dataset idiom reads. */
  private objectKeys(arg: JsNode | undefined): RuleNode {
    const chain = arg ? readChain(unguarded(arg)) : undefined;
    if (chain?.root === 'meta' && chain.segments.length === 1 && chain.segments[0]?.name === 'dataset')
      return n.field(USER_DATASETS, 'datasets');
    throw new Untranslatable('Object.keys(…) of anything but meta.dataset has no rule equivalent');
  }

  /** `parseInt(x)`, `Number(x)`: a number already in Suivi (a numeric field or a numeric literal). */
  private numberOf(arg: JsNode): RuleNode {
    const node = this.node(arg);
    const info = this.fields.get(node);
    if (info && (info.kind === 'integer' || info.kind === 'decimal')) return node;
    if (node.kind === 'literal' && node.value !== null && Number.isFinite(Number(node.value)))
      return n.literal(Number(node.value));
    throw new Untranslatable('a conversion to a number of something that is not a number field');
  }

  private member(js: JsNode): RuleNode {
    const chain = readChain(js);
    if (!chain) {
      const property = js.property as JsNode;
      if (!js.computed && property.name === 'length')
        return n.call('length', [this.node(js.object as JsNode)]);
      throw new Untranslatable(`${memberText(js)} has no rule equivalent`);
    }
    const { root, segments } = chain;
    const names = segments.map((s) => s.name);
    if (root === 'objForm' && names[0] === 'value') return this.recordField(segments.slice(1));
    if (root === 'value') return this.recordField(segments);
    if (root === 'attribut_parent') {
      const parent = this.options.scope.parentObject;
      if (!parent) throw new Untranslatable('attribut_parent names the parent, and this level has several');
      return this.fieldOf(this.options.scope.ancestor(parent, this.key(segments[0])), segments.slice(1));
    }
    if (root === 'meta') return this.meta(segments);
    if (root === 'objForm' && names[0] === 'controls' && names.length === 3) {
      // `objForm.controls.x.value` is the value of x; `.valid` says x passes its own checks, which a
      // record check may take for granted (a field that fails its own is refused anyway).
      if (names[2] === 'value') return this.recordField(segments.slice(1, 2));
      const validity = VALIDITY[names[2] ?? ''];
      if (validity !== undefined && this.options.formValidity) return n.literal(validity);
    }
    if (root === 'objForm') throw new Untranslatable(`objForm.${names.join('.')} is form state, not data`);
    const constant = this.options.consts?.get(root);
    if (constant && names.length === 1 && names[0] === 'length') return n.call('length', [constant]);
    throw new Untranslatable(`${root}.${names.join('.')} has no rule equivalent`);
  }

  private meta(segments: readonly Segment[]): RuleNode {
    const [first, second, third, fourth] = segments;
    if (first?.name === 'nomenclatures' && second?.computed && third?.name && !fourth) {
      const value = this.node(second.computed);
      const code = n.call('code', [value]);
      const info = this.fields.get(value);
      if (info) this.fields.set(code, info);
      if (third.name === 'cd_nomenclature') return code;
      if (!NAME_ATTRIBUTES.has(third.name) || !info)
        throw new Untranslatable(`meta.nomenclatures[…].${third.name} has no rule equivalent`);
      this.attributes.add(code);
      this.pendingAttributes++;
      return code;
    }
    // `meta.dataset && …`: GeoNature always gives the user's datasets; only their number is a question.
    if (first?.name === 'dataset' && !second) return n.literal(true);
    if (first?.name === 'parents' && second?.name) {
      const rest = third?.name === 'properties' ? segments.slice(3) : segments.slice(2);
      if (rest.length === 0) {
        // `meta.parents.site && …`: a guard that the parent is there, as it always is in Suivi.
        if (this.options.scope.hasAncestor?.(second.name)) return n.literal(true);
        throw new Untranslatable(`meta.parents.${second.name} is a whole record`);
      }
      return this.fieldOf(this.options.scope.ancestor(second.name, this.key(rest[0])), rest.slice(1));
    }
    if (first?.name === 'id_role' && !second) return n.call('currentUser', []);
    const what =
      first?.name === 'bChainInput' ? 'whether entries are being chained' : `meta.${first?.name ?? ''}`;
    throw new Untranslatable(`${what} is GeoNature form state, which a rule cannot read`);
  }

  private recordField(segments: readonly Segment[]): RuleNode {
    if (segments.length === 0) throw new Untranslatable('the whole record is not a value');
    return this.fieldOf(this.options.scope.own(this.key(segments[0])), segments.slice(1));
  }

  /** A field, possibly followed by `.cd_nom` (a taxon is its cd_nom in Suivi) or `.length`. */
  private fieldOf(lookup: FieldLookup, rest: readonly Segment[]): RuleNode {
    if (!lookup.ok && lookup.unknown && rest.length === 0) {
      this.notes.push(`${lookup.reason}: GeoNature reads undefined there, so it is read as null`);
      return n.literal(null);
    }
    if (!lookup.ok) throw new Untranslatable(lookup.reason);
    const field = fieldNode(lookup.field);
    this.fields.set(field, lookup.field);
    const next = rest[0]?.name;
    if (rest.length === 0) return field;
    if (rest.length === 1 && next === 'cd_nom' && lookup.field.kind === 'taxon') return field;
    if (rest.length === 1 && next === 'length') return n.call('length', [field]);
    throw new Untranslatable(
      `.${rest.map((s) => s.name ?? '[…]').join('.')} reaches inside the field ${lookup.field.key}`,
    );
  }

  private key(segment: Segment | undefined): string {
    if (segment?.name !== undefined) return segment.name;
    const computed = segment?.computed;
    if (computed?.type === 'Literal' && typeof computed.value === 'string') return computed.value;
    throw new Untranslatable('a field named by a computed key has no rule equivalent');
  }
}

const fieldNode = (f: ScopeField): RuleNode => n.field(f.scope, f.key);
