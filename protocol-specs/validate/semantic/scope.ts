/** Taxa and datasets a field offers stay within what the protocol declares. */
import { type Diagnostic, error } from '../../diagnostics.ts';
import { asArray, asString, prop } from '../../util/lenient.ts';
import { allFields } from '../model.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

export const scopeChecks: SemanticCheck = {
  name: 'scope',
  rules: {
    'taxon-out-of-scope':
      "A fixed taxon lies within the field's own taxa, or else the protocol's taxonomic scope.",
    'dataset-default-unknown': "A dataset default is one of the field's datasets.",
  },
  check({ model }: CheckContext): Diagnostic[] {
    const taxonomy = prop(model.raw, 'taxonomy');
    const scope = asString(prop(taxonomy, 'scope'));
    const allowed =
      scope === 'list'
        ? new Set(asArray(prop(taxonomy, 'taxa')))
        : scope === 'species'
          ? new Set([prop(taxonomy, 'taxon')])
          : undefined;
    const out: Diagnostic[] = [];
    for (const field of model.levels.flatMap(allFields)) {
      // A field's own `taxa` is its scope (a host plant or roost tree in a bat protocol); else the protocol's.
      const own = prop(field.raw, 'taxa');
      const fieldScope = Array.isArray(own) ? new Set(own) : allowed;
      const where = Array.isArray(own) ? "the field's taxa" : 'the protocol taxonomy';
      for (const slot of ['fixed', 'default'] as const) {
        const taxon = prop(field.raw, slot);
        if (field.kind === 'taxon' && fieldScope && typeof taxon === 'number' && !fieldScope.has(taxon)) {
          out.push(
            error('taxon-out-of-scope', `${field.path}/${slot}`, `taxon ${taxon} is outside ${where}`),
          );
        }
      }
      const datasets = prop(field.raw, 'datasets');
      const fallback = prop(field.raw, 'default');
      if (
        field.kind === 'dataset' &&
        Array.isArray(datasets) &&
        typeof fallback === 'string' &&
        !datasets.includes(fallback)
      ) {
        out.push(
          error(
            'dataset-default-unknown',
            `${field.path}/default`,
            `dataset ${fallback} is not among the field's datasets`,
          ),
        );
      }
    }
    return out;
  },
};
