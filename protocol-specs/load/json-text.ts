/**
 * Stage 0: JSON text → value, with positions. jsonc-parser keeps offsets for every node so diagnostics
 * print as file:line:col, reports syntax errors without throwing, and lets us see duplicate keys that
 * JSON.parse silently collapses (GeoNature configs have them; the last one wins, as in JSON.parse).
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Diagnostic, error, parsePointer, pointer } from '../diagnostics.ts';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface LoadedJson {
  /** The parsed value; undefined when the text is not JSON at all. */
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
  /** Line and column (1-based) of a diagnostic: where the loader saw it, else the value at its path or its nearest ancestor. */
  locate(diagnostic: Diagnostic): Position;
}

export function loadJsonText(text: string): LoadedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineStarts = computeLineStarts(text);
  const at = (offset: number): Position => positionOf(lineStarts, offset);
  const offsets = new Map<Diagnostic, number>();
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const d = error('json-syntax', '', `${printParseErrorCode(e.error)}`);
    offsets.set(d, e.offset);
    return d;
  });
  if (root) diagnostics.push(...duplicateKeys(root, '', offsets));
  return {
    value: root && errors.length === 0 ? toValue(root) : undefined,
    diagnostics,
    locate(diagnostic) {
      const offset = offsets.get(diagnostic);
      if (offset !== undefined) return at(offset);
      return at(root ? nearestNode(root, parsePointer(diagnostic.path)).offset : 0);
    },
  };
}

/** Builds the value by hand: an own `__proto__` key stays a plain data property, never a prototype. */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode && valueNode) {
          Object.defineProperty(out, String(keyNode.value), {
            value: toValue(valueNode),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

function duplicateKeys(node: Node, path: string, offsets: Map<Diagnostic, number>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const childPath = `${path}${pointer(key)}`;
      if (seen.has(key)) {
        const d = error(
          'json-duplicate-key',
          childPath,
          `key "${key}" appears more than once; only the last one counts`,
        );
        offsets.set(d, keyNode.offset);
        out.push(d);
      }
      seen.add(key);
      if (valueNode) out.push(...duplicateKeys(valueNode, childPath, offsets));
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => {
      out.push(...duplicateKeys(child, `${path}${pointer(i)}`, offsets));
    });
  }
  return out;
}

function nearestNode(root: Node, segments: readonly string[]): Node {
  let node = root;
  for (const segment of segments) {
    const next =
      node.type === 'object'
        ? node.children?.findLast((p) => p.children?.[0]?.value === segment)?.children?.[1]
        : node.type === 'array'
          ? node.children?.[Number(segment)]
          : undefined;
    if (!next) return node;
    node = next;
  }
  return node;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
