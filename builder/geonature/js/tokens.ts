/**
 * A small JavaScript scanner: enough to cut GeoNature's rule strings into statements, find the arrow
 * header, object literals and stray `=` without ever being fooled by the same characters inside a
 * string. It never evaluates anything and never throws: unknown characters become punctuation tokens.
 */

export type TokenType = 'string' | 'number' | 'identifier' | 'punct' | 'newline';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** Offset of the first character in the scanned source. */
  readonly start: number;
  readonly end: number;
}

/** Longest first, so `===` is read before `==` and `=`. */
const PUNCTUATORS = ['===', '!==', '...', '?.', '??', '=>', '==', '!=', '<=', '>=', '&&', '||', '++', '--'];

const isIdentifierStart = (c: string) => /[A-Za-z_$\u00C0-\uFFFF]/.test(c);
const isIdentifierPart = (c: string) => /[A-Za-z0-9_$\u00C0-\uFFFF]/.test(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: TokenType, start: number, end: number) =>
    tokens.push({ type, text: source.slice(start, end), start, end });
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\n') {
      push('newline', i, i + 1);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && source.charAt(i + 1) === '/') {
      while (i < source.length && source.charAt(i) !== '\n') i++;
    } else if (c === '/' && source.charAt(i + 1) === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? source.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const start = i++;
      while (i < source.length && source.charAt(i) !== c) i += source.charAt(i) === '\\' ? 2 : 1;
      i = Math.min(i + 1, source.length);
      push('string', start, i);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source.charAt(i + 1)))) {
      const start = i;
      while (i < source.length && /[0-9A-Za-z_.]/.test(source.charAt(i))) i++;
      push('number', start, i);
    } else if (isIdentifierStart(c)) {
      const start = i;
      while (i < source.length && isIdentifierPart(source.charAt(i))) i++;
      push('identifier', start, i);
    } else {
      const op = PUNCTUATORS.find((p) => source.startsWith(p, i)) ?? c;
      push('punct', i, i + op.length);
      i += op.length;
    }
  }
  return tokens;
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Index of the token closing the bracket opened at `open`, or -1 when it is never closed. */
export function closingIndex(tokens: readonly Token[], open: number): number {
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'punct') continue;
    const closer = OPENERS[t.text];
    if (closer) stack.push(closer);
    else if (t.text === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Splits tokens on a punctuator at bracket depth 0 (commas of an argument list, for instance). */
export function splitTopLevel(tokens: readonly Token[], separator: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'punct' && OPENERS[t.text]) depth++;
    if (t.type === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    if (depth === 0 && t.type === 'punct' && t.text === separator) parts.push([]);
    else parts.at(-1)?.push(t);
  }
  return parts;
}

/** The source text spanned by some tokens (original spacing kept). */
export function textOf(source: string, tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens.at(-1);
  return first && last ? source.slice(first.start, last.end) : '';
}

export const withoutNewlines = (tokens: readonly Token[]): Token[] =>
  tokens.filter((t) => t.type !== 'newline');

export const isPunct = (t: Token | undefined, text: string): boolean =>
  t?.type === 'punct' && t.text === text;
export const isWord = (t: Token | undefined, text: string): boolean =>
  t?.type === 'identifier' && t.text === text;
