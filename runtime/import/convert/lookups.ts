/**
 * The set-wise lookups of a batch of rows: one query per kind for every distinct value of the batch
 * (taxa by cd_nom or name, observers by display name or login, geometries transformed by PostGIS),
 * never a query per row.
 */
import type { Queryable } from '../../db/database.ts';
import type { FieldMapping } from '../template.ts';

type TaxonBy = Extract<FieldMapping, { taxon_column: string }>['by'];

/** cd_nom of each name found; names not found are absent. */
export async function lookUpTaxa(
  db: Queryable,
  texts: readonly string[],
  by: TaxonBy,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const distinct = [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
  if (distinct.length === 0) return found;
  const numeric = distinct.filter((t) => /^\d+$/.test(t));
  if (by === 'cd_nom' || by === 'auto') {
    const { rows } = await db.query<{ cd_nom: number }>(
      'SELECT cd_nom FROM ref.taxon WHERE cd_nom = ANY($1::int[])',
      [numeric.map(Number).filter((n) => n <= 2_147_483_647)],
    );
    for (const r of rows) found.set(String(r.cd_nom), r.cd_nom);
  }
  const names = by === 'cd_nom' ? [] : distinct.filter((t) => !found.has(t) && !/^\d+$/.test(t));
  const byName = async (predicate: string, list: readonly string[]) => {
    if (list.length === 0) return;
    // The valid name (cd_nom = cd_ref) first when several names match.
    const { rows } = await db.query<{ q: string; cd_nom: number | null }>(
      `SELECT q, (SELECT t.cd_nom FROM ref.taxon t WHERE ${predicate}
                   ORDER BY (t.cd_nom = t.cd_ref) DESC, t.cd_nom LIMIT 1) AS cd_nom
         FROM unnest($1::text[]) AS q`,
      [list],
    );
    for (const r of rows) if (r.cd_nom !== null) found.set(r.q, r.cd_nom);
  };
  if (by === 'scientific_name' || by === 'auto')
    await byName(
      `lower(t.lb_nom) = lower(btrim(q)) OR lower(t.nom_complet) = lower(btrim(q))
        OR lower(concat_ws(' ', t.lb_nom, t.lb_auteur)) = lower(btrim(q))`,
      names,
    );
  if (by === 'vernacular_name' || by === 'auto')
    await byName(
      `lower(btrim(q)) = ANY (SELECT btrim(v) FROM unnest(string_to_array(lower(t.nom_vern), ',')) AS v)`,
      names.filter((n) => !found.has(n)),
    );
  return found;
}

/** User id of each observer name matching one account's display name or login (case-insensitive). */
export async function lookUpObservers(db: Queryable, names: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const distinct = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  if (distinct.length === 0) return found;
  const { rows } = await db.query<{ q: string; id: string | null }>(
    `SELECT q, (SELECT u.id FROM suivi.app_user u
                 WHERE lower(u.display_name) = lower(q) OR lower(u.login) = lower(q)
                 ORDER BY (lower(u.display_name) = lower(q)) DESC, u.login LIMIT 1) AS id
       FROM unnest($1::text[]) AS q`,
    [distinct],
  );
  for (const r of rows) if (r.id !== null) found.set(r.q, r.id);
  return found;
}

/** A geometry to transform: X/Y in an SRID, or WKT in an SRID. */
export type GeometryInput =
  | { readonly x: number; readonly y: number; readonly srid: number }
  | { readonly wkt: string; readonly srid: number };

async function attempt<T>(db: Queryable, work: () => Promise<T>): Promise<T | undefined> {
  await db.query('SAVEPOINT suivi_import_geometry');
  try {
    const result = await work();
    await db.query('RELEASE SAVEPOINT suivi_import_geometry');
    return result;
  } catch {
    await db.query('ROLLBACK TO SAVEPOINT suivi_import_geometry');
    return undefined;
  }
}

const TRANSFORM = `SELECT i, ST_AsGeoJSON(ST_Transform(
    CASE WHEN wkt IS NULL THEN ST_SetSRID(ST_MakePoint(x, y), srid) ELSE ST_GeomFromText(wkt, srid) END,
    4326), 9) AS geojson
  FROM unnest($1::int[], $2::float8[], $3::float8[], $4::text[], $5::int[]) AS t(i, x, y, wkt, srid)`;

/**
 * Each input as GeoJSON in WGS 84 (what the record API takes), transformed by PostGIS; an input PostGIS
 * cannot read or transform (bad WKT, unknown SRID) is absent from the result. Runs in a savepoint:
 * `db` is inside the import's transaction, which a failed statement would abort.
 */
export async function transformGeometries(
  db: Queryable,
  inputs: ReadonlyMap<number, GeometryInput>,
): Promise<Map<number, unknown>> {
  const out = new Map<number, unknown>();
  const run = async (entries: [number, GeometryInput][]) => {
    const { rows } = await db.query<{ i: number; geojson: string | null }>(TRANSFORM, [
      entries.map(([i]) => i),
      entries.map(([, g]) => ('x' in g ? g.x : null)),
      entries.map(([, g]) => ('y' in g ? g.y : null)),
      entries.map(([, g]) => ('wkt' in g ? g.wkt : null)),
      entries.map(([, g]) => g.srid),
    ]);
    return rows;
  };
  const entries = [...inputs.entries()];
  if (entries.length === 0) return out;
  const all = await attempt(db, () => run(entries));
  const rows = all ?? [];
  if (!all)
    for (const entry of entries) {
      const one = await attempt(db, () => run([entry]));
      if (one) rows.push(...one);
    }
  for (const r of rows) if (r.geojson) out.set(r.i, JSON.parse(r.geojson));
  return out;
}
