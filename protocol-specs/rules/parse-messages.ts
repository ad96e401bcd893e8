/** The parser's refusal messages that need more than one line to get right. */
import { closestMatch } from '../util/closest-match.ts';
import { FUNCTION_NAMES, findFunction } from './functions.ts';
import { type JsNode, jsChildren } from './jsep-positions.ts';

/** JavaScript words jsep reads as identifiers; naming them beats "unknown identifier". */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'new',
  'typeof',
  'instanceof',
  'void',
  'delete',
  'function',
  'class',
  'let',
  'var',
  'const',
  'return',
  'import',
  'export',
  'await',
  'yield',
  'async',
  'of',
  'if',
  'else',
  'for',
  'while',
  'do',
  'switch',
  'case',
  'throw',
  'try',
  'catch',
  'with',
  'debugger',
  'super',
]);

export function findKeyword(node: JsNode): JsNode | undefined {
  if (node.type === 'Identifier' && KEYWORDS.has(String(node.name))) return node;
  for (const child of jsChildren(node)) {
    const found = findKeyword(child);
    if (found) return found;
  }
  return undefined;
}

export function bareIdentifier(name: string): string {
  if (KEYWORDS.has(name)) return `'${name}' is not part of the rule language`;
  if (findFunction(name)) return `${name} is a function: call it, ${name}(…)`;
  if (['value', 'parent', 'choice'].includes(name))
    return `${name} alone is not a value; name one of its fields: ${name}.key`;
  return `unknown name '${name}'; fields are written scope.key, e.g. value.${name}`;
}

export function unknownFunction(name: string): string {
  const near = closestMatch(name, FUNCTION_NAMES);
  return `unknown function ${name}()${near ? `; did you mean ${near}()?` : `; the functions are ${FUNCTION_NAMES.join(', ')}`}`;
}
