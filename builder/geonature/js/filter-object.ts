/**
 * What a `filters` function returns: the query GeoNature sends for the values of a datalist, an object
 * such as `{ id_broader: value.habitat }` (keep the values under the one chosen in `habitat`) or
 * `{ cd_nomenclature: ['1', '2'] }`. Suivi writes it as a `filter` rule over the `choice` being offered:
 * `choice.broader == value.habitat`. Nomenclature ids are codes in Suivi (a vocabulary field holds a
 * code), so `id_broader` compares codes. `{}`, null and undefined keep every value; `c ? {…} : {…}`
 * becomes a conditional filter.
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { Refused, type ReturnReader } from './block-value.ts';
import { readObjectLiteral } from './object-literal.ts';
import { closingIndex, isPunct, type Token, textOf, tokenize, withoutNewlines } from './tokens.ts';

const KEEP_ALL = new Set(['{}', 'null', 'undefined', "''", '""', '']);

/** The attributes of a GeoNature nomenclature a filter can name, and the `choice` attribute each is. */
const ATTRIBUTES: Readonly<Record<string, 'broader' | 'code'>> = {
  id_broader: 'broader',
  cd_nomenclature_broader: 'broader',
  cd_nomenclature: 'code',
};

export const readFilterObject: ReturnReader = (source, options, expression) => {
  const text = source.trim();
  if (KEEP_ALL.has(text.replace(/\s+/g, ''))) return n.literal(true);
  const tokens = withoutNewlines(tokenize(text));
  if (isPunct(tokens[0], '(') && closingIndex(tokens, 0) === tokens.length - 1)
    return readFilterObject(textOf(text, tokens.slice(1, -1)), options, expression);
  const question = topLevel(tokens, '?');
  if (question > 0) {
    const colon = topLevel(tokens, ':', question + 1);
    if (colon < 0) throw new Refused(`unexpected filter: ${text}`);
    return n.conditional(
      expression(textOf(text, tokens.slice(0, question)), options),
      readFilterObject(textOf(text, tokens.slice(question + 1, colon)), options, expression),
      readFilterObject(textOf(text, tokens.slice(colon + 1)), options, expression),
    );
  }
  if (!isPunct(tokens[0], '{') || closingIndex(tokens, 0) !== tokens.length - 1) {
    // A local holding an object, or a computed filter: not something the rule language can filter by.
    throw new Refused(`the filter is not an object literal: ${text}`);
  }
  const object = readObjectLiteral(textOf(text, tokens.slice(1, -1)));
  if (!object.ok) throw new Refused(object.reason);
  const tests: RuleNode[] = [];
  for (const entry of object.entries) {
    const attribute = ATTRIBUTES[entry.key];
    if (!attribute)
      throw new Refused(
        `filters on ${entry.key}: only id_broader and cd_nomenclature have a choice attribute in Suivi`,
      );
    if (entry.value.kind !== 'expression') throw new Refused(`filters on ${entry.key} with an object`);
    const value = expression(entry.value.source, options);
    if (value.kind === 'literal' && typeof value.value === 'number')
      throw new Refused(
        `${entry.key}: ${value.value} is a nomenclature id of a GeoNature database, which the protocol files do not map to a code`,
      );
    const choice = n.field('choice', attribute);
    tests.push(value.kind === 'list' ? n.call('includes', [value, choice]) : n.binary('==', choice, value));
  }
  return tests.reduce<RuleNode>((a, b) => n.logical('&&', a, b), n.literal(true));
};

function topLevel(tokens: readonly Token[], text: string, from = 0): number {
  let depth = 0;
  let nested = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'punct') continue;
    if (['(', '[', '{'].includes(t.text)) depth++;
    else if ([')', ']', '}'].includes(t.text)) depth--;
    else if (depth === 0 && t.text === text && (text !== ':' || nested === 0)) return i;
    else if (depth === 0 && t.text === '?') nested++;
    else if (depth === 0 && t.text === ':') nested--;
  }
  return -1;
}
