/**
 * The protocol's taxonomic scope. GeoNature keeps it in the database (a TaxHub list named by
 * `__MODULE.ID_LIST_TAXONOMY`), so a folder rarely says: older configs list `data.taxonomy.cd_noms`, and
 * a single-species module sets `cd_nom`. Otherwise every taxon is allowed, with a warning to restrict it.
 */
import type { ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { Collector } from './collector.ts';
import { isObject, type JsonObject } from './read-files.ts';

export function taxonomyOf(
  config: JsonObject,
  module: JsonObject,
  collector: Collector,
): ProtocolSpec['taxonomy'] {
  const data = isObject(config.data) && isObject(config.data.taxonomy) ? config.data.taxonomy : {};
  const listed = Array.isArray(data.cd_noms)
    ? data.cd_noms.filter((v): v is number => Number.isInteger(v))
    : [];
  if (listed.length > 0) return { scope: 'list', taxa: listed };
  if (Number.isInteger(module.cd_nom)) return { scope: 'species', taxon: module.cd_nom as number };
  collector.warn(
    'module.json',
    '',
    'GeoNature restricts taxa with a TaxHub list kept in its database: the Suivi taxonomy is set to all taxa; restrict it (scope list or group)',
  );
  return { scope: 'all' };
}
