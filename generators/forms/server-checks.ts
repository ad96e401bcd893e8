/**
 * Checks no form can make: they need reference data (TAXREF, HABREF), other records, users or stored
 * files, or the server recomputes the value anyway. rules.json lists them so a form does not pretend to
 * enforce them, and so their errors are expected from the API. Exhaustive by kind.
 */
import type { FieldKind, ResolvedField, ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { FieldOf } from './field-of.ts';
import { offeredTaxa } from './field-schema.ts';

export interface ServerCheck {
  readonly field: string;
  readonly check: string;
  readonly reason: string;
}

type KindCheck<K extends FieldKind> = (
  field: FieldOf<K>,
  protocol: ResolvedProtocol,
) => Omit<ServerCheck, 'field'> | undefined;

const none = () => undefined;

const KIND_CHECKS: { readonly [K in FieldKind]: KindCheck<K> } = {
  text: none,
  long_text: none,
  integer: none,
  decimal: none,
  boolean: none,
  date: none,
  time: none,
  datetime: none,
  choice: none,
  vocabulary: none,
  taxon: (f, p) =>
    f.fixed === undefined && offeredTaxa(p, f).length === 0
      ? { check: 'taxon-in-scope', reason: 'the name exists in TAXREF and lies in the taxonomic scope' }
      : undefined,
  observers: () => ({ check: 'observer-exists', reason: 'each user_id names a user of the instance' }),
  dataset: (f) =>
    f.datasets.length === 0
      ? { check: 'dataset-exists', reason: 'the dataset exists in the metadata catalogue' }
      : undefined,
  habitat: (f) =>
    f.codes.length === 0
      ? { check: 'habitat-in-typology', reason: `the code exists in the ${f.typology} typology of HABREF` }
      : undefined,
  reference: (f) => ({ check: 'reference-exists', reason: `the linked record exists at level ${f.level}` }),
  media: () => ({ check: 'media-stored', reason: 'each storage_key names an uploaded file' }),
  geometry: none,
  group: none,
  section: none,
};

function checksOf(field: ResolvedField, protocol: ResolvedProtocol, prefix: string): ServerCheck[] {
  const key = `${prefix}${field.key}`;
  const own = (KIND_CHECKS[field.kind] as KindCheck<FieldKind>)(field, protocol);
  const computed = field.computed
    ? [{ field: key, check: 'computed-on-save', reason: 'the server recomputes the value on every save' }]
    : [];
  const rows = field.kind === 'group' ? field.fields.flatMap((f) => checksOf(f, protocol, `${key}[].`)) : [];
  return [...(own ? [{ field: key, ...own }] : []), ...computed, ...rows];
}

/** Sorted by field then check, so the list does not move when fields are reordered. */
export function serverChecks(fields: readonly ResolvedField[], protocol: ResolvedProtocol): ServerCheck[] {
  const order = (a: ServerCheck, b: ServerCheck) =>
    a.field === b.field ? (a.check < b.check ? -1 : 1) : a.field < b.field ? -1 : 1;
  return fields.flatMap((f) => checksOf(f, protocol, '')).sort(order);
}
