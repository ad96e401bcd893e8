/**
 * Every text of the spec, keys included, can be stored by PostgreSQL as it is. Texts reach the database
 * everywhere (labels and descriptions as comments and vocabulary rows, choices and codes in CHECK
 * constraints, rule literals in SQL expressions, keys as identifiers, the whole spec in the module's
 * manifest), so one walk over the spec checks them all, wherever they are:
 *
 * - U+0000 (NUL): PostgreSQL text and jsonb cannot hold it; the install would fail far from its cause
 *   ("invalid message format");
 * - a lone UTF-16 surrogate (U+D800–U+DFFF not in a pair): not Unicode; the database would receive
 *   U+FFFD instead, so a code in a CHECK constraint would no longer match the same code in the forms.
 */
import { type Diagnostic, error, pointer } from '../../diagnostics.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL cannot store `text` as it is, or undefined. Positions count UTF-16 code units from 1. */
export function unstorableText(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `holds a NUL character (U+0000) at position ${nul + 1}, which PostgreSQL cannot store`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `holds a lone surrogate (U+${unit}) at position ${lone.index + 1}: not Unicode, PostgreSQL would store U+FFFD instead`;
  }
  return undefined;
}

const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

export const textChecks: SemanticCheck = {
  name: 'text',
  rules: {
    'text-storable':
      'Every text and key can be stored by PostgreSQL: no NUL character (U+0000), no lone surrogate.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    // An explicit stack: a hostile spec may nest deeper than the call stack goes.
    const stack: Array<{ value: unknown; path: string }> = [{ value: model.raw, path: '' }];
    while (stack.length > 0) {
      const { value, path } = stack.pop()!;
      if (typeof value === 'string') {
        const why = unstorableText(value);
        if (why) out.push(error('text-storable', path, `the text ${shown(value)} ${why}`));
      } else if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) stack.push({ value: item, path: `${path}${pointer(i)}` });
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          const at = `${path}${pointer(key)}`;
          const why = unstorableText(key);
          if (why) out.push(error('text-storable', at, `the key ${shown(key)} ${why}`));
          stack.push({ value: item, path: at });
        }
      }
    }
    return out;
  },
};
