/**
 * Reads the outside of a GeoNature rule: `({value, meta}) => body`. jsep parses expressions only, so the
 * arrow header is taken off here (by tokens, never by evaluating), and the body is classified as an
 * expression, a block `{ … }` or an object literal `({ … })`.
 */
import { closingIndex, isPunct, type Token, textOf, tokenize, withoutNewlines } from './tokens.ts';

export type ArrowBody =
  | { readonly kind: 'expression'; readonly source: string }
  | { readonly kind: 'block'; readonly source: string }
  | { readonly kind: 'object'; readonly source: string };

export type ArrowFunction =
  | { readonly ok: true; readonly params: readonly string[]; readonly body: ArrowBody }
  | { readonly ok: false; readonly reason: string };

/**
 * GeoNature's own test (monitoring module): a text is JavaScript when it holds all of `(`, `)`, `{`, `}`
 * and `=>`. The same test decides which strings count as rules.
 */
export const looksLikeJs = (text: string): boolean =>
  ['(', ')', '{', '}', '=>'].every((part) => text.includes(part));

export function readArrow(source: string): ArrowFunction {
  const tokens = withoutNewlines(tokenize(source));
  const arrow = tokens.findIndex((t) => isPunct(t, '=>'));
  if (arrow < 0) return { ok: false, reason: 'not an arrow function' };
  const params = readParams(tokens.slice(0, arrow));
  if (!params)
    return { ok: false, reason: `unexpected parameters: ${textOf(source, tokens.slice(0, arrow))}` };
  const body = tokens.slice(arrow + 1);
  if (body.length === 0) return { ok: false, reason: 'the function has no body' };
  const bodyText = source.slice((body[0] as Token).start, (body.at(-1) as Token).end);
  const first = body[0] as Token;
  if (isPunct(first, '{') && closingIndex(body, 0) === body.length - 1) {
    return { ok: true, params, body: { kind: 'block', source: textOf(source, body.slice(1, -1)) } };
  }
  if (
    isPunct(first, '(') &&
    isPunct(body[1], '{') &&
    closingIndex(body, 0) === body.length - 1 &&
    closingIndex(body, 1) === body.length - 2
  ) {
    return { ok: true, params, body: { kind: 'object', source: textOf(source, body.slice(2, -2)) } };
  }
  return { ok: true, params, body: { kind: 'expression', source: bodyText } };
}

/** `({value, meta})`, `({value,})`, `(value)`, `value` or `()`. */
function readParams(tokens: readonly Token[]): string[] | undefined {
  const names = tokens.filter((t) => t.type === 'identifier').map((t) => t.text);
  const shape = tokens
    .filter((t) => t.type === 'punct')
    .map((t) => t.text)
    .join('');
  return ['({})', '()', ''].includes(shape.replaceAll(',', '')) ? names : undefined;
}

export interface PreparedExpression {
  readonly source: string;
  /** What was fixed on the way, one sentence each (the `=` typo). */
  readonly fixes: readonly string[];
}

/** The identifier standing for `{}`, which jsep cannot read: `(x || {}).y` is a guard against null. */
export const EMPTY_OBJECT = '__gn_empty_object__';

/**
 * Prepares an expression for jsep: `{}` becomes {@link EMPTY_OBJECT}, and a lone `=` (an assignment,
 * which a rule never means) becomes `==`.
 */
export function prepareExpression(source: string): PreparedExpression {
  const tokens = tokenize(source);
  const fixes: string[] = [];
  let out = '';
  let last = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isPunct(t, '{') && isPunct(tokens[i + 1], '}')) {
      out += `${source.slice(last, t.start)}${EMPTY_OBJECT}`;
      last = (tokens[i + 1] as Token).end;
      i++;
    } else if (
      isPunct(t, '=') &&
      !['+', '-', '*', '/', '%', '!', '<', '>'].includes(tokens[i - 1]?.text ?? '')
    ) {
      out += `${source.slice(last, t.start)}==`;
      last = t.end;
      fixes.push(
        `'=' assigns in JavaScript; read as '==' (${textOf(source, tokens.slice(Math.max(0, i - 2), i + 2))})`,
      );
    }
  }
  return { source: out + source.slice(last), fixes };
}
