import type { Labels } from '../resolved.ts';
import type { Label } from '../schema/authored-spec.generated.ts';

export function labels(label: Label): Labels {
  return typeof label === 'string'
    ? { fr: label }
    : label.en === undefined
      ? { fr: label.fr }
      : { fr: label.fr, en: label.en };
}

export function optionalLabels(label: Label | undefined): { readonly help?: Labels } | Record<string, never> {
  return label === undefined ? {} : { help: labels(label) };
}

/** French plurals: add an s unless the word already ends in s, x or z (Gîte → Gîtes, Relevé → Relevés). */
export function pluralOf(label: Labels): Labels {
  const plural = (word: string) => (/[sxz]$/i.test(word) ? word : `${word}s`);
  return label.en === undefined ? { fr: plural(label.fr) } : { fr: plural(label.fr), en: plural(label.en) };
}
