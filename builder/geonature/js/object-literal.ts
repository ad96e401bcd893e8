/**
 * Object literals, which jsep cannot read: the argument of `objForm.patchValue({ … })` and the body of a
 * `params` function `({meta}) => ({ … })`. Only the shape is read (keys and the source of each value);
 * values are translated as expressions by the caller.
 */
import {
  closingIndex,
  isPunct,
  splitTopLevel,
  type Token,
  textOf,
  tokenize,
  withoutNewlines,
} from './tokens.ts';

export type ObjectValue =
  | { readonly kind: 'expression'; readonly source: string }
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] };

export interface ObjectEntry {
  readonly key: string;
  readonly value: ObjectValue;
}

export type ObjectResult =
  | { readonly ok: true; readonly entries: readonly ObjectEntry[] }
  | { readonly ok: false; readonly reason: string };

/** Reads the inside of `{ … }` (without the braces). */
export function readObjectLiteral(inside: string): ObjectResult {
  return readEntries(inside, withoutNewlines(tokenize(inside)));
}

function readEntries(source: string, tokens: readonly Token[]): ObjectResult {
  const entries: ObjectEntry[] = [];
  for (const part of splitTopLevel(tokens, ',')) {
    if (part.length === 0) continue;
    const [first, second] = part;
    if (!first || (first.type !== 'identifier' && first.type !== 'string')) {
      return { ok: false, reason: `unexpected object entry: ${textOf(source, part)}` };
    }
    const key = first.type === 'string' ? first.text.slice(1, -1) : first.text;
    if (part.length === 1) {
      entries.push({ key, value: { kind: 'expression', source: key } });
      continue;
    }
    if (!isPunct(second, ':'))
      return { ok: false, reason: `unexpected object entry: ${textOf(source, part)}` };
    const valueTokens = part.slice(2);
    if (isPunct(valueTokens[0], '{') && closingIndex(valueTokens, 0) === valueTokens.length - 1) {
      const nested = readEntries(source, valueTokens.slice(1, -1));
      if (!nested.ok) return nested;
      entries.push({ key, value: { kind: 'object', entries: nested.entries } });
    } else {
      entries.push({ key, value: { kind: 'expression', source: textOf(source, valueTokens) } });
    }
  }
  return { ok: true, entries };
}
