/**
 * Read-only reference data for forms and pickers: vocabularies by type, taxon search, users (observers
 * picker), datasets. Public for now (the permissions work may restrict them). Every value is bound; a
 * malformed query parameter is a 400 `[{ path: '/query/<name>', code, message }]`.
 *
 * Taxon search: the typed prefix is folded with `searchText()` (as the TAXREF loader folded the names)
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
import type { ModuleRuntime } from '../modules/load.ts';
import { type ApiError, badRequest, HttpError } from '../records/errors.ts';
import { searchText } from '../refdata/search-text.ts';

export const TAXA_MAX_LIMIT = 50;
const TAXA_DEFAULT_LIMIT = 20;
const TAXA_MIN_QUERY = 2;
const PICKER_MAX_LIMIT = 50;
const MAX_CODES = 500;
const GROUP_RANKS = new Set(['regne', 'phylum', 'classe', 'ordre', 'famille', 'group1_inpn', 'group2_inpn']);

type Query = Readonly<Record<string, string | undefined>>;

const problem = (name: string, code: string, message: string): ApiError => ({
  path: `/query/${name}`,
  code,
  message,
});

/** Fails with one 400 listing every problem found. */
function check(problems: ApiError[]): void {
  if (problems.length > 0) throw badRequest(problems);
}

function integerParam(query: Query, name: string, fallback: number, max: number, problems: ApiError[]) {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    problems.push(problem(name, 'out_of_range', `${name} doit être un entier entre 1 et ${max}.`));
    return fallback;
  }
  return Number(raw);
}

function textParam(query: Query, name: string, max: number, problems: ApiError[]): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (raw.length > max) problems.push(problem(name, 'too_long', `${name} : au plus ${max} caractères.`));
  return raw;
}

/** `%`, `_` and `\` match themselves (LIKE's default escape is the backslash). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The taxonomic scope of a module as a predicate on `ref.taxon t`, its values pushed on `params`. */
function scopeSql(protocol: ResolvedProtocol, params: unknown[]): { sql?: string; narrow: boolean } {
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

function moduleParam(
  query: Query,
  modules: ReadonlyMap<string, ModuleRuntime>,
  problems: ApiError[],
): ModuleRuntime | undefined {
  const code = query.module;
  if (code === undefined) return undefined;
  const module = modules.get(code);
  if (!module)
    problems.push(problem('module', 'unknown_module', `Aucun module installé ne s’appelle « ${code} ».`));
  return module;
}

/** Adds the reference-data routes to `app`. */
export function mountRefdataRoutes(app: Hono, db: Database, modules: readonly ModuleRuntime[]): void {
  const byCode = new Map(modules.map((m) => [m.code, m]));
  // Value order per vocabulary type, as the protocols list them (a select shows them in that order).
  const authoredOrder = new Map<string, string[]>();
  for (const { protocol } of modules) {
    for (const v of protocol.vocabularies) {
      if (!authoredOrder.has(v.code))
        authoredOrder.set(
          v.code,
          v.values.map((x) => x.code),
        );
    }
  }

  app.get('/api/vocabularies/:type', async (c) => {
    const type = c.req.param('type');
    const problems: ApiError[] = [];
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(type))
      problems.push({
        path: '/params/type',
        code: 'invalid',
        message: `« ${type} » n’est pas un type de vocabulaire.`,
      });
    const rawCodes = textParam(c.req.query(), 'codes', 20_000, problems);
    const codes = rawCodes?.split(',').map((x) => x.trim());
    if (codes && (codes.some((x) => x === '') || codes.length > MAX_CODES))
      problems.push(
        problem('codes', 'invalid', `codes : une liste de 1 à ${MAX_CODES} codes séparés par des virgules.`),
      );
    check(problems);
    const head = await db.query<{ type: string; label_fr: string; label_en: string | null; source: string }>(
      'SELECT type, label_fr, label_en, source FROM ref.vocabulary_type WHERE type = $1',
      [type],
    );
    const found = head.rows[0];
    if (!found) throw new HttpError(404, 'not_found', `Le vocabulaire ${type} n’existe pas.`);
    const values = await db.query<{
      code: string;
      label_fr: string;
      label_en: string | null;
      definition_fr: string | null;
      definition_en: string | null;
      broader_code: string | null;
    }>(
      `SELECT code, label_fr, label_en, definition_fr, definition_en, broader_code FROM ref.vocabulary
       WHERE type = $1 AND ($2::text[] IS NULL OR code = ANY($2::text[]))
       ORDER BY (code ~ '^[0-9]+$') DESC, length(code), code`,
      [type, codes ?? null],
    );
    const order = authoredOrder.get(type) ?? [];
    const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
    const sorted = [...values.rows].sort((a, b) => rank(a.code) - rank(b.code));
    return c.json({
      type: found.type,
      label: { fr: found.label_fr, ...(found.label_en ? { en: found.label_en } : {}) },
      source: found.source,
      values: sorted.map((v) => ({
        code: v.code,
        label: { fr: v.label_fr, ...(v.label_en ? { en: v.label_en } : {}) },
        ...(v.definition_fr
          ? { definition: { fr: v.definition_fr, ...(v.definition_en ? { en: v.definition_en } : {}) } }
          : {}),
        broader: v.broader_code,
      })),
    });
  });

  app.get('/api/taxa', async (c) => {
    const query = c.req.query();
    const problems: ApiError[] = [];
    const q = textParam(query, 'q', 100, problems);
    if (q === undefined) problems.push(problem('q', 'required', 'q (le début d’un nom) est obligatoire.'));
    else if (searchText(q).length < TAXA_MIN_QUERY)
      problems.push(problem('q', 'too_short', `q : au moins ${TAXA_MIN_QUERY} lettres.`));
    const module = moduleParam(query, byCode, problems);
    const limit = integerParam(query, 'limit', TAXA_DEFAULT_LIMIT, TAXA_MAX_LIMIT, problems);
    check(problems);
    const rows = await searchTaxa(db, q!, module?.protocol, limit);
    return c.json({ items: rows });
  });

  app.get('/api/users', async (c) => {
    const query = c.req.query();
    const problems: ApiError[] = [];
    const q = textParam(query, 'q', 100, problems)?.trim();
    const limit = integerParam(query, 'limit', 20, PICKER_MAX_LIMIT, problems);
    check(problems);
    const { rows } = await db.query<{
      id: string;
      display_name: string;
      org_id: string | null;
      org_name: string | null;
    }>(
      `SELECT u.id, u.display_name, o.id AS org_id, o.name AS org_name
       FROM suivi.app_user u LEFT JOIN suivi.organisation o ON o.id = u.organisation_id
       WHERE u.active AND ($1::text IS NULL OR u.display_name ILIKE '%' || $1 || '%' OR u.login ILIKE $1 || '%')
       ORDER BY u.display_name, u.id LIMIT $2::integer`,
      [q ? escapeLike(q) : null, limit],
    );
    return c.json({
      items: rows.map((u) => ({
        id: u.id,
        display_name: u.display_name,
        organisation: u.org_id ? { id: u.org_id, name: u.org_name } : null,
      })),
    });
  });

  app.get('/api/datasets', async (c) => {
    const problems: ApiError[] = [];
    const module = moduleParam(c.req.query(), byCode, problems);
    check(problems);
    const ids = module ? datasetsOf(module.protocol) : null;
    const { rows } = await db.query<{ id: string; label: string; af_id: string; af_label: string }>(
      `SELECT d.id, d.label, f.id AS af_id, f.label AS af_label
       FROM suivi.dataset d JOIN suivi.acquisition_framework f ON f.id = d.acquisition_framework_id
       WHERE $1::uuid[] IS NULL OR d.id = ANY($1::uuid[])
       ORDER BY d.label, d.id`,
      [ids],
    );
    return c.json({
      items: rows.map((d) => ({ id: d.id, name: d.label, framework: { id: d.af_id, name: d.af_label } })),
    });
  });
}

/** The datasets a protocol names: its defaults and those its dataset fields offer. */
function datasetsOf(protocol: ResolvedProtocol): string[] {
  const fields = protocol.levels.flatMap((l) =>
    l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]),
  );
  return [
    ...new Set([...protocol.datasets, ...fields.flatMap((f) => (f.kind === 'dataset' ? f.datasets : []))]),
  ];
}
