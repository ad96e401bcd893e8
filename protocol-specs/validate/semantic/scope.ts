/** Taxa and datasets a field offers stay within what the protocol declares. */
import { type Diagnostic, error } from '../../diagnostics.ts';
import { asArray, asString, prop } from '../../util/lenient.ts';
import { allFields } from '../model.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

export const scopeChecks: SemanticCheck = {
  name: 'scope',
  rules: {
    'taxon-out-of-scope': "A field's taxa and fixed taxon lie within the protocol's taxonomic scope.",
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
      if (field.kind === 'taxon' && allowed) {
        asArray(prop(field.raw, 'taxa')).forEach((t, i) => {
          if (!allowed.has(t))
            out.push(
              error(
                'taxon-out-of-scope',
                `${field.path}/taxa/${i}`,
                `taxon ${String(t)} is outside the protocol taxonomy`,
              ),
            );
        });
        const fixed = prop(field.raw, 'fixed');
        if (fixed !== undefined && !allowed.has(fixed)) {
          out.push(
            error(
              'taxon-out-of-scope',
              `${field.path}/fixed`,
              `taxon ${String(fixed)} is outside the protocol taxonomy`,
            ),
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
