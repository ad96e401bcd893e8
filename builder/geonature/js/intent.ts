/**
 * Comparisons of a choice or vocabulary with a text that is not one of its codes. GeoNature compares
 * codes (`cd_nomenclature`, a choice's value); a protocol author sometimes writes the value's label or
 * mnemonic instead (`cd_nomenclature === 'Vu'` where the code is '1' and 'Vu' its mnemonic). In
 * GeoNature such a rule never fires: it is a bug in the source protocol. When the text names exactly
 * one value, the evident intent is that value's code: the translation uses it and says so.
 *
 * A rule that compares the mnemonic or the label on purpose (`meta.nomenclatures[x].mnemonique ===
 * 'Vu'`) is right in GeoNature; it gets the same code, with no blame.
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import type { NamedValue, ScopeField } from './scope.ts';

export interface Resolved {
  readonly code: string;
  /** Set when the source rule never fires in GeoNature: the sentence saying why. */
  readonly bug?: string;
}

/** The code `text` stands for in a comparison with field `info`, or undefined when it is a code or names nothing. */
export function resolveText(text: string, info: ScopeField, written: string): Resolved | undefined {
  const values = info.values;
  if (!values || values.some((v) => v.code === text)) return undefined;
  const [only, ...others] = namedBy(values, text);
  if (!only || others.length > 0) return undefined;
  return {
    code: only.code,
    bug: `${written} compares ${info.key} with '${text}', which is not one of its codes but names exactly one value (code '${only.code}'): in GeoNature this test never holds, so the source rule never fires; translated by its evident intent, as the code '${only.code}'`,
  };
}

/** The code of the one value whose mnemonic or label is `text` (a deliberate `.mnemonique ===` test). */
export function codeNamed(text: string, info: ScopeField): string | undefined {
  const [only, ...others] = namedBy(info.values ?? [], text);
  return only && others.length === 0 ? only.code : undefined;
}

const namedBy = (values: readonly NamedValue[], text: string) => values.filter((v) => v.names.includes(text));

/**
 * `x.includes(y)` on a single choice (GeoNature holds the code, a text): a substring test over the
 * codes, which Suivi writes as the codes it keeps. Undefined when y is not a literal text.
 */
export function includesOnChoice(field: RuleNode, info: ScopeField, needle: RuleNode): RuleNode | undefined {
  if (needle.kind !== 'literal' || typeof needle.value !== 'string' || !info.choices) return undefined;
  const text = needle.value;
  const matching = info.choices.filter((c) => c.includes(text));
  const [only] = matching;
  if (matching.length === 0) return n.literal(false);
  if (matching.length === 1 && only !== undefined) return n.binary('==', field, n.literal(only));
  return n.call('includes', [n.list(matching.map((c) => n.literal(c))), field]);
}
