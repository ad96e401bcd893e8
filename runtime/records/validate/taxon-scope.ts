/**
 * A taxon in a protocol scoped to a group of TAXREF (`{ scope: 'group', rank, name }`): only the
 * server can check it, by reading ref.taxon (a CHECK cannot). Fields with their own list or a fixed
 * taxon are checked by their JSON Schema and their CHECK already. A name whose rank column is empty (a
 * partial TAXREF extract, like the demo one without `regne`) cannot be judged and is accepted; a name
 * missing from ref.taxon is the foreign key's to refuse.
 */

import { sql } from 'kysely';
import type { ResolvedField, ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { coreDb } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { isAnyOf } from '../sql/dynamic.ts';
import type { Violation } from './violation.ts';

/** The TAXREF columns a group scope may name (the spec's `rank` values): never anything else in SQL. */
const RANKS = new Set(['regne', 'phylum', 'classe', 'ordre', 'famille', 'group1_inpn', 'group2_inpn']);

export async function taxonScopeViolations(
  db: Queryable,
  protocol: ResolvedProtocol,
  fields: readonly ResolvedField[],
  values: Readonly<Record<string, unknown>>,
): Promise<Violation[]> {
  const scope = protocol.taxonomy;
  if (scope.scope !== 'group' || !RANKS.has(scope.rank)) return [];
  const checked = fields.filter(
    (f) =>
      f.kind === 'taxon' && f.taxa.length === 0 && f.fixed === undefined && typeof values[f.key] === 'number',
  );
  if (checked.length === 0) return [];
  const taxa = checked.map((f) => values[f.key] as number);
  const rank = sql.id(scope.rank);
  const rows = await coreDb(db)
    .selectFrom('ref.taxon')
    .select('cd_nom')
    .where(isAnyOf(sql.id('cd_nom'), taxa, 'integer[]'))
    .where((eb) => eb.or([eb(rank, '=', scope.name), eb(rank, 'is', null)]))
    .execute();
  const inScope = new Set(rows.map((r) => Number(r.cd_nom)));
  return checked
    .filter((f) => !inScope.has(values[f.key] as number))
    .map((f) => ({ path: `/${f.key}`, code: 'taxon', detail: `${scope.rank} ${scope.name}` }));
}
