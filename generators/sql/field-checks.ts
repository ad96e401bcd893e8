/**
 * The rules of a field as CHECK constraints: visibility (a hidden field is cleared), requirement, bounds,
 * pattern and length. A rule becomes a CHECK only when the rule compiler translates it exactly over the
 * columns of this table; otherwise it is listed for the server, never dropped.
 */
import {
  compileRuleToSql,
  type ParsedRule,
  type ResolvedField,
  type RuleNode,
  type RuleOr,
  ruleNodes,
  type SqlRuleEnvironment,
  sqlLiteral,
} from '../../protocol-specs/index.ts';
import { alwaysRequired } from './columns.ts';
import type { ColumnType, Constraint } from './model.ts';
import { type ConstraintKind, constraintName, ident } from './names.ts';
import { rescope } from './rule-env.ts';

export interface RuleTarget {
  readonly env: SqlRuleEnvironment;
  /** The scope rules use for this table's own fields: `value` for a record, `row` for a group row. */
  readonly selfScope: 'value' | 'row';
  /** Renames scopes before compiling (group rows); undefined for a record's table. */
  readonly rename?: Parameters<typeof rescope>[1];
  /** Key prefix in messages: `strata_cover.` for row fields. */
  readonly path: string;
}

export interface FieldRules {
  readonly constraints: readonly Constraint[];
  readonly serverRules: readonly string[];
  readonly serverValues: readonly string[];
}

const TEMPORAL_CASTS: Readonly<Record<string, string>> = {
  date: 'date',
  time: 'time',
  datetime: 'timestamptz',
};

/** Checks for a field stored in column `column` of type `type`, or notes only when it lives in a child table. */
export function fieldRules(
  field: ResolvedField,
  target: RuleTarget,
  stored?: { readonly column: string; readonly type: ColumnType },
): FieldRules {
  // A section stores nothing: its visibility only shapes the form.
  if (field.kind === 'section') return { constraints: [], serverRules: [], serverValues: [] };
  const constraints: Constraint[] = [];
  const serverRules: string[] = [];
  const name = `${target.path}${field.key}`;
  const compile = (ast: RuleNode) =>
    compileRuleToSql(target.rename ? rescope(ast, target.rename) : ast, target.env);
  const check = (kind: ConstraintKind, sql: string, source: string) =>
    constraints.push({ kind: 'check', name: constraintName(field.key, kind), sql, source });

  const requiredRule = typeof field.required === 'object' ? field.required : undefined;
  const condition = [field.visibleIf, requiredRule].filter((r): r is ParsedRule => r !== undefined);
  const conditionText = condition.map((r) => r.source).join(' && ');

  if (!stored) {
    // A child table cannot see whether its record requires or shows it.
    // A required group says it with minItems (listed below).
    const saidByMinItems = field.kind === 'group' && field.required === true;
    if (field.required !== false && !saidByMinItems)
      serverRules.push(`${name}: required${conditionText ? ` when ${conditionText}` : ''}`);
    if (field.visibleIf) serverRules.push(`${name}: no values unless ${field.visibleIf.source}`);
  } else {
    const c = ident(stored.column);
    if (field.visibleIf) {
      const v = compile(field.visibleIf.ast);
      if (v.ok) check('visible', `${v.sql} OR ${c} IS NULL`, `visibleIf: ${field.visibleIf.source}`);
      else serverRules.push(`${name}: cleared unless ${field.visibleIf.source} (${v.reason})`);
    }
    if (alwaysRequired(field)) {
      // NOT NULL says it for most types; an empty text or list is empty too.
      if (stored.type === 'text' || stored.type === 'text_list')
        check('required', presence(c, stored.type), 'required');
    } else if (field.required !== false) {
      const ast = condition.map((r) => r.ast).reduce((a, b) => ruleNodes.logical('&&', a, b));
      const r = compile(ast);
      if (r.ok)
        check('required', `NOT ${r.sql} OR ${presence(c, stored.type)}`, `required when ${conditionText}`);
      else serverRules.push(`${name}: required when ${conditionText} (${r.reason})`);
    }
    for (const [kind, bound] of bounds(field)) {
      const op = kind === 'min' ? '>=' : '<=';
      if ('literal' in bound) {
        const cast = TEMPORAL_CASTS[field.kind];
        const literal = cast ? `${sqlLiteral(bound.literal)}::${cast}` : sqlLiteral(bound.literal);
        check(kind, `${c} ${op} ${literal}`, `${kind} ${bound.literal}`);
        continue;
      }
      // empty(x) || empty(bound) || x op bound: the rule evaluator's reading of a bound, compiled exactly.
      const self = ruleNodes.field(target.selfScope, field.key);
      const b = bound.rule.ast;
      const ast = ruleNodes.logical(
        '||',
        ruleNodes.logical('||', ruleNodes.call('empty', [self]), ruleNodes.call('empty', [b])),
        ruleNodes.binary(op, self, b),
      );
      const r = compile(ast);
      if (r.ok) check(kind, r.sql, `${kind} ${bound.rule.source}`);
      else serverRules.push(`${name}: ${op} ${bound.rule.source} (${r.reason})`);
    }
    if ((field.kind === 'text' || field.kind === 'long_text') && field.pattern !== undefined)
      check('pattern', `${c} ~ ${sqlLiteral(`^(?:${field.pattern})$`)}`, `pattern ${field.pattern}`);
    if ((field.kind === 'text' || field.kind === 'long_text') && field.maxLength !== undefined)
      check('length', `char_length(${c}) <= ${field.maxLength}`, `maxLength ${field.maxLength}`);
  }
  if ('filter' in field && field.filter)
    serverRules.push(`${name}: only values where ${field.filter.source}`);
  if (field.kind === 'group') {
    if (field.minItems > 0) serverRules.push(`${name}: at least ${field.minItems} row(s)`);
    if (field.maxItems !== undefined) serverRules.push(`${name}: at most ${field.maxItems} row(s)`);
  }
  if (field.kind === 'media') serverRules.push(`${name}: at most ${field.maxFiles} file(s)`);
  return { constraints, serverRules, serverValues: serverValues(field, name) };
}

function serverValues(field: ResolvedField, name: string): string[] {
  const out: string[] = [];
  if (field.computed) out.push(`${name} = ${field.computed.source}`);
  if (field.default?.kind === 'rule') out.push(`${name} defaults to ${field.default.rule.source}`);
  // A field that can be hidden gets no column default (it must stay NULL while hidden): the server's.
  else if (field.default && field.visibleIf)
    out.push(`${name} defaults to ${defaultText(field.default)} when shown`);
  return out;
}

const defaultText = (d: NonNullable<ResolvedField['default']>): string =>
  d.kind === 'codes' ? d.codes.join(', ') : d.kind === 'literal' ? JSON.stringify(d.value) : d.rule.source;

function bounds(field: ResolvedField): Array<['min' | 'max', RuleOr<number | string>]> {
  if (!('min' in field) && !('max' in field)) return [];
  const out: Array<['min' | 'max', RuleOr<number | string>]> = [];
  if (field.min) out.push(['min', field.min]);
  if (field.max) out.push(['max', field.max]);
  return out;
}

/** A value is there: not NULL, and for texts and lists not empty either (the rules' "empty is null"). */
function presence(c: string, type: ColumnType): string {
  if (type === 'text') return `(${c} IS NOT NULL AND ${c} <> '')`;
  if (type === 'text_list') return `COALESCE(cardinality(${c}), 0) > 0`;
  return `${c} IS NOT NULL`;
}
