/**
 * Taxa for pickers and displays: `GET /api/taxa?q=` searches names, `GET /api/taxa?cd_nom=1,2` looks
 * codes up (a form or a table shows the names of the codes a record holds).
 *
 * Search: the typed prefix is folded with `searchText()` (as the TAXREF loader folded the names)
 * and matched with `LIKE prefix || '%'` on `lb_nom_search` / `nom_vern_search`, whose `text_pattern_ops`
 * indexes serve it, within the module's taxonomy (list, group, species). When those prefixes give fewer
 * names than asked and the scope is narrow (a list, a species, an INPN group; not a kingdom), a second
 * query also matches the start of any later word of a vernacular name ("épeiche" in "Pic épeiche",
 * "europe" in "Loriot d'Europe", the second name of "Oreillard roux, Oreillard septentrional"): that one
 * cannot use an index, so it is never run over the whole table.
 */
import type { Hono } from 'hono';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database } from '../db/database.ts';
import { ident } from '../db/database.ts';
import type { ApiError } from '../http/errors.ts';
import { searchText } from '../refdata/search-text.ts';
import {
  check,
  escapeLike,
  integerListParam,
  integerParam,
  type ModuleLookup,
  moduleParam,
  problem,
  textParam,
} from './query-params.ts';

export const TAXA_MAX_LIMIT = 50;
const TAXA_DEFAULT_LIMIT = 20;
const TAXA_MIN_QUERY = 2;
/** Codes looked up at once: a page of a table or a form's taxon fields. */
const TAXA_MAX_LOOKUP = 200;
const GROUP_RANKS = new Set(['regne', 'phylum', 'classe', 'ordre', 'famille', 'group1_inpn', 'group2_inpn']);

/** The taxonomic scope of a module as a predicate on `ref.taxon t`, its values pushed on `params`. */
export function scopeSql(protocol: ResolvedProtocol, params: unknown[]): { sql?: string; narrow: boolean } {
  const scope = protocol.taxonomy;
  switch (scope.scope) {
    case 'list':
      params.push(scope.taxa);
      return { sql: `t.cd_nom = ANY($${params.length}::integer[])`, narrow: true };
    case 'species':
      params.push(scope.taxon);
      return { sql: `t.cd_nom = $${params.length}::integer`, narrow: true };
    case 'group':
      if (!GROUP_RANKS.has(scope.rank)) throw new Error(`unknown taxonomic rank ${scope.rank}`);
      params.push(scope.name);
      // Only group2_inpn is indexed: a later-word scan of a kingdom would read most of the table.
      return {
        sql: `t.${ident(scope.rank)} = $${params.length}::text`,
        narrow: scope.rank === 'group2_inpn',
      };
    default:
      return { narrow: false };
  }
}

interface TaxonRow {
  readonly cd_nom: number;
  readonly cd_ref: number | null;
  readonly lb_nom: string;
  readonly lb_auteur: string | null;
  readonly nom_vern: string | null;
  readonly nom_valide: string | null;
  readonly id_rang: string | null;
  readonly famille: string | null;
  readonly group2_inpn: string | null;
  readonly accepted: boolean;
}

const TAXON_COLUMNS = `t.cd_nom, t.cd_ref, t.lb_nom, t.lb_auteur, t.nom_vern, t.nom_valide, t.id_rang,
  t.famille, t.group2_inpn, COALESCE(t.cd_ref = t.cd_nom, true) AS accepted`;

/**
 * Taxa whose scientific or vernacular name starts with `text`, then (narrow scopes) later words.
 * Each prefix branch walks its index in name order and stops after a window of names, so a two-letter
 * prefix matching tens of thousands of names costs the window, not a sort of every match; the window is
 * then ranked: the exact scientific name, scientific prefixes, vernacular ones; accepted names first.
 */
export async function searchTaxa(
  db: Database,
  text: string,
  protocol: ResolvedProtocol | undefined,
  limit: number,
): Promise<TaxonRow[]> {
  const prefix = escapeLike(searchText(text));
  const params: unknown[] = [prefix];
  const scope = protocol ? scopeSql(protocol, params) : { narrow: false };
  const and = scope.sql ? ` AND ${scope.sql}` : '';
  const scoped = params.length;
  params.push(Math.max(limit * 4, 100));
  const window = `$${params.length}::integer`;
  params.push(limit);
  const first = await db.query<TaxonRow>(
    `SELECT ${TAXON_COLUMNS} FROM (
       (SELECT t.*, 0 AS how FROM ref.taxon t WHERE t.lb_nom_search LIKE $1::text || '%'${and}
        ORDER BY t.lb_nom_search USING ~<~ LIMIT ${window})
       UNION ALL
       (SELECT t.*, 1 AS how FROM ref.taxon t WHERE t.nom_vern_search LIKE $1::text || '%'${and}
          AND NOT COALESCE(t.lb_nom_search LIKE $1::text || '%', false)
        ORDER BY t.nom_vern_search USING ~<~ LIMIT ${window})
     ) t
     ORDER BY (t.lb_nom_search = $1::text) DESC, t.how, accepted DESC, t.lb_nom, t.cd_nom LIMIT $${params.length}::integer`,
    params,
  );
  if (first.rows.length >= limit || !scope.narrow || !scope.sql) return first.rows;
  // A later word of the vernacular name: after a space, a hyphen, an apostrophe, a parenthesis or a comma.
  const rest = [...params.slice(0, scoped), limit - first.rows.length];
  const later = await db.query<TaxonRow>(
    `SELECT ${TAXON_COLUMNS} FROM ref.taxon t
     WHERE ${scope.sql} AND NOT COALESCE(t.lb_nom_search LIKE $1::text || '%' OR t.nom_vern_search LIKE $1::text || '%', false)
       AND regexp_replace(t.nom_vern_search, '[-''’(),]', ' ', 'g') LIKE '% ' || $1::text || '%'
     ORDER BY accepted DESC, t.lb_nom, t.cd_nom LIMIT $${rest.length}::integer`,
    rest,
  );
  return [...first.rows, ...later.rows];
}

/** The taxa of these codes, in no particular order; unknown codes are simply absent. */
export async function lookupTaxa(db: Database, codes: readonly number[]): Promise<TaxonRow[]> {
  const { rows } = await db.query<TaxonRow>(
    `SELECT ${TAXON_COLUMNS} FROM ref.taxon t WHERE t.cd_nom = ANY($1::integer[]) ORDER BY t.cd_nom`,
    [codes],
  );
  return rows;
}

/** Adds `GET /api/taxa` to `app`. */
export function mountTaxaRoutes(app: Hono, db: Database, byCode: ModuleLookup): void {
  app.get('/api/taxa', async (c) => {
    const query = c.req.query();
    const problems: ApiError[] = [];
    const codes = integerListParam(query, 'cd_nom', TAXA_MAX_LOOKUP, problems);
    const q = textParam(query, 'q', 100, problems);
    if (q === undefined && codes === undefined && query.cd_nom === undefined)
      problems.push(problem('q', 'required', 'q (le début d’un nom) ou cd_nom (des codes) est obligatoire.'));
    else if (q !== undefined && searchText(q).length < TAXA_MIN_QUERY)
      problems.push(problem('q', 'too_short', `q : au moins ${TAXA_MIN_QUERY} lettres.`));
    const module = moduleParam(query, byCode, problems);
    const limit = integerParam(query, 'limit', TAXA_DEFAULT_LIMIT, TAXA_MAX_LIMIT, problems);
    check(problems);
    if (codes) return c.json({ items: await lookupTaxa(db, codes) });
    return c.json({ items: await searchTaxa(db, q!, module?.protocol, limit) });
  });
}
