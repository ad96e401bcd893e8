/**
 * Numbers that become database values fit their columns. Integer fields, taxon codes (cd_nom) and the
 * record's spec_version are `integer` columns: 32 bits. JSON numbers have no such limit, and PostgreSQL
 * accepts `DEFAULT 100000000000000000000` or `CHECK (x >= 3000000000)` on an integer column without a
 * word at install; only every later insert fails. Decimal fields are `numeric`, which holds any JSON
 * number, so they need no check here.
 */
import { type Diagnostic, error } from '../../diagnostics.ts';
import { asArray, prop } from '../../util/lenient.ts';
import { allFields } from '../model.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

interface Range {
  readonly min: number;
  readonly max: number;
  readonly what: string;
}

const INTEGER: Range = { min: INT4_MIN, max: INT4_MAX, what: 'an integer field holds 32-bit integers' };
const CD_NOM: Range = { min: 1, max: INT4_MAX, what: 'a TAXREF code (cd_nom) is a 32-bit integer' };
const VERSION: Range = {
  min: 1,
  max: INT4_MAX,
  what: 'the version is stored with every record as a 32-bit integer',
};

function outOfRange(value: unknown, path: string, range: Range): Diagnostic[] {
  if (typeof value !== 'number' || (value >= range.min && value <= range.max)) return [];
  return [
    error(
      'number-storable',
      path,
      `${value} cannot be stored: ${range.what}, from ${range.min} to ${range.max}`,
    ),
  ];
}

export const numberChecks: SemanticCheck = {
  name: 'numbers',
  rules: {
    'number-storable':
      'Numbers stored in integer columns fit in 32 bits: integer bounds and defaults, taxon codes, the version.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out = outOfRange(prop(model.raw, 'version'), '/version', VERSION);
    const taxonomy = prop(model.raw, 'taxonomy');
    out.push(...outOfRange(prop(taxonomy, 'taxon'), '/taxonomy/taxon', CD_NOM));
    asArray(prop(taxonomy, 'taxa')).forEach((t, i) => {
      out.push(...outOfRange(t, `/taxonomy/taxa/${i}`, CD_NOM));
    });
    for (const field of model.levels.flatMap(allFields)) {
      if (!field.authored) continue;
      const at = (key: string) => `${field.path}/${key}`;
      if (field.kind === 'integer') {
        for (const key of ['min', 'max', 'default'])
          out.push(...outOfRange(prop(field.raw, key), at(key), INTEGER));
      } else if (field.kind === 'taxon') {
        for (const key of ['fixed', 'default'])
          out.push(...outOfRange(prop(field.raw, key), at(key), CD_NOM));
        asArray(prop(field.raw, 'taxa')).forEach((t, i) => {
          out.push(...outOfRange(t, at(`taxa/${i}`), CD_NOM));
        });
      }
    }
    return out;
  },
};
