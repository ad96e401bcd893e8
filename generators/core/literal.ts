/**
 * JSON-like data as source text in the project's layout (short values on one line, longer ones one item a
 * line), so that generated files read like hand-written ones: as TypeScript (single quotes, bare keys) or
 * as JSON. Only plain data: strings, numbers, booleans, null, arrays and objects.
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
  if (Array.isArray(value))
    return block(
      '[',
      ']',
      value.map((v) => tsLiteral(v, inner)),
      indent,
      'ts',
    );
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return block(
    '{',
    '}',
    entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v, inner)}`),
    indent,
    'ts',
  );
}

/** `value` as JSON text in the same layout, with a final newline: what JSON.parse reads back as `value`. */
export function compactJsonText(value: unknown): string {
  return `${compactJson(value, 0)}\n`;
}

function compactJson(value: unknown, indent: number): string {
  if (typeof value !== 'object' || value === null) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`compactJson: cannot write a ${typeof value}`);
    return text;
  }
  const inner = indent + 2;
  if (Array.isArray(value))
    return block(
      '[',
      ']',
      value.map((v) => compactJson(v ?? null, inner)),
      indent,
      'json',
    );
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return block(
    '{',
    '}',
    entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v, inner)}`),
    indent,
    'json',
  );
}

/** Items on one line when they fit, else one a line; TypeScript keeps a comma after the last one, JSON cannot. */
function block(
  open: '[' | '{',
  close: ']' | '}',
  items: readonly string[],
  indent: number,
  syntax: 'ts' | 'json',
): string {
  if (items.length === 0) return `${open}${close}`;
  const pad = open === '{' ? ' ' : '';
  const flat = `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (!flat.includes('\n') && indent + flat.length <= LINE_WIDTH) return flat;
  const spaces = ' '.repeat(indent + 2);
  const lines = items.map(
    (item, i) => `${spaces}${item}${syntax === 'ts' || i < items.length - 1 ? ',' : ''}`,
  );
  return `${open}\n${lines.join('\n')}\n${' '.repeat(indent)}${close}`;
}

/** A TypeScript union of string literals, `never` when empty. */
export const literalUnion = (values: readonly string[]): string =>
  values.length > 0 ? values.map(quote).join(' | ') : 'never';
