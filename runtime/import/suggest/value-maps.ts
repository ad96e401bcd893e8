/**
 * The provider's texts of a coded field (choice or vocabulary) → the field's codes: a text that is a
 * code needs nothing; otherwise it is matched to a label in French or English (folded: case, accents,
 * spaces ignored), to one part of a label ("Grotte" in "Grotte, cavité naturelle"), to a usual
 * abbreviation (M, F, ad., juv.…), to a label it begins ("Juv" → "Juvénile") or whose initial it is,
 * when exactly one code fits. Texts nothing fits are listed for the user to map.
 * Booleans: the usual yes/no words → 'true'/'false'.
 */
import type { ImportableCode } from '../module-fields.ts';
import { fold } from './fold.ts';

/** Usual abbreviations and what they stand for (folded). */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  m: ['male', 'mâle'],
  f: ['femelle', 'female'],
  h: ['hermaphrodite'],
  i: ['indetermine', 'indéterminé', 'inconnu', 'unknown'],
  ind: ['indetermine', 'indéterminé'],
  nd: ['indetermine', 'non renseigné', 'inconnu'],
  ad: ['adulte', 'adult'],
  juv: ['juvenile', 'juvénile'],
  imm: ['immature'],
  subad: ['sub-adulte', 'subadult'],
};

const TRUE = ['oui', 'o', 'yes', 'y', 'true', 'vrai', 'v', '1', 'x', 'present', 'présent'].map(fold);
const FALSE = ['non', 'n', 'no', 'false', 'faux', '0', 'absent'].map(fold);

/** The ways a code's labels can be named: whole, and each part between commas, slashes or brackets. */
function namesOf(code: ImportableCode): string[] {
  const labels = [code.label.fr, code.label.en ?? ''].filter((l) => l !== '');
  return [
    ...new Set(
      labels
        .flatMap((l) => [l, ...l.split(/[,;/()]/)])
        .map(fold)
        .filter((n) => n !== ''),
    ),
  ];
}

const unique = (codes: readonly ImportableCode[], test: (names: readonly string[]) => boolean) => {
  const found = codes.filter((c) => test(namesOf(c)));
  return found.length === 1 ? found[0]?.code : undefined;
};

/** The code one provider text stands for, when exactly one fits; undefined otherwise. */
export function codeForText(text: string, codes: readonly ImportableCode[]): string | undefined {
  const t = fold(text);
  if (t === '') return undefined;
  const exact = codes.find((c) => fold(c.code) === t);
  if (exact) return exact.code;
  return (
    unique(codes, (names) => names.includes(t)) ??
    unique(codes, (names) => (ABBREVIATIONS[t] ?? []).map(fold).some((a) => names.includes(a))) ??
    (t.length >= 3 ? unique(codes, (names) => names.some((n) => n.startsWith(t))) : undefined) ??
    (t.length === 1 ? unique(codes, (names) => names.some((n) => n.startsWith(t))) : undefined)
  );
}

export interface ValueMapSuggestion {
  /** Provider text → code, for the texts that are not written as a code. */
  readonly values: Readonly<Record<string, string>>;
  /** Texts no code fits: to map by hand (or a row error). */
  readonly unmapped: readonly string[];
}

/** `texts`: the column's distinct non-empty cells, in the file's order. */
export function suggestValueMap(
  texts: readonly string[],
  codes: readonly ImportableCode[],
): ValueMapSuggestion {
  const values: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const text of texts) {
    if (codes.some((c) => c.code === text)) continue;
    const code = codeForText(text, codes);
    if (code === undefined) unmapped.push(text);
    else values[text] = code;
  }
  return { values, unmapped };
}

export function suggestBooleanMap(texts: readonly string[]): ValueMapSuggestion {
  const values: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const text of texts) {
    const t = fold(text);
    if (t === 'true' || t === 'false') continue;
    if (TRUE.includes(t)) values[text] = 'true';
    else if (FALSE.includes(t)) values[text] = 'false';
    else unmapped.push(text);
  }
  return { values, unmapped };
}
