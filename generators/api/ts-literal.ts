/**
 * JSON-like data as TypeScript source, in the project's style (single quotes, bare keys, short values on
 * one line), so that generated files read like hand-written ones. Only plain data: strings, numbers,
 * booleans, null, arrays and objects.
 */

const LINE_WIDTH = 100;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted string literal; JSON.stringify does the escaping of control characters and backslashes. */
export function quote(text: string): string {
  const inner = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}

const key = (name: string) => (IDENTIFIER.test(name) ? name : quote(name));

/**
 * `value` as a TypeScript expression. Lines after the first are indented by `indent` spaces, so the
 * result can be placed at that depth; an array or object that fits in the width stays on one line.
 */
export function tsLiteral(value: unknown, indent = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') throw new Error(`tsLiteral: cannot write a ${typeof value}`);
  const inner = indent + 2;
  const [open, close, items] = Array.isArray(value)
    ? ['[', ']', value.map((v) => tsLiteral(v, inner))]
    : [
        '{',
        '}',
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${key(k)}: ${tsLiteral(v, inner)}`),
      ];
  if (items.length === 0) return `${open}${close}`;
  const pad = open === '{' ? ' ' : '';
  const flat = `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (!flat.includes('\n') && indent + flat.length <= LINE_WIDTH) return flat;
  const spaces = ' '.repeat(inner);
  return `${open}\n${items.map((item) => `${spaces}${item},`).join('\n')}\n${' '.repeat(indent)}${close}`;
}

/** A TypeScript union of string literals, `never` when empty. */
export const literalUnion = (values: readonly string[]): string =>
  values.length > 0 ? values.map(quote).join(' | ') : 'never';
