/**
 * A GeoPackage 1.3 (OGC 12-128r18) written with better-sqlite3 into a file: one table per level (a
 * feature table when the level has a geometry, an attributes table otherwise), typed columns, the
 * geometry as GeoPackage binary in its own SRID, the required metadata tables (gpkg_spatial_ref_sys,
 * gpkg_contents, gpkg_geometry_columns) and an R-tree spatial index per geometry (gpkg_rtree_index,
 * filled as rows arrive; the spec's maintenance triggers are left out: the file is a snapshot, and
 * GDAL rebuilds them when a layer is edited). Rows go in one transaction per batch.
 */
import Sqlite from 'better-sqlite3';
import type { ExportColumn, ValueType } from '../export-columns.ts';
import type { ExportRow } from '../export-rows.ts';
import { type Envelope, gpkgGeometry } from './gpkg-binary.ts';

export interface GpkgLayer {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ExportColumn[];
  /** The level's geometry (type name, SRID), undefined for an attributes table. */
  readonly geometry?: { readonly type: string; readonly srid: number };
  readonly batches: AsyncIterable<readonly ExportRow[]>;
}

/** A spatial reference system the file declares: its EPSG code and WKT definition. */
export interface SpatialReference {
  readonly srid: number;
  readonly name: string;
  readonly definition: string;
}

const SQLITE_TYPES = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'DATETIME',
} as const satisfies Record<ValueType, string>;

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

const WGS84 =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

const CORE_TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
`;

/** A cell as SQLite stores it: booleans 0/1, instants in the spec's `YYYY-MM-DDTHH:MM:SS.SSSZ`. */
function sqliteValue(type: ValueType, value: string | number | boolean | null): string | number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (type === 'datetime' && typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toISOString();
  }
  return value;
}

export async function writeGpkg(
  path: string,
  layers: readonly GpkgLayer[],
  references: readonly SpatialReference[],
  progress: (rows: number) => Promise<void> | void = () => {},
): Promise<number> {
  const db = new Sqlite(path);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma(`application_id = ${0x47504b47}`);
    db.pragma('user_version = 10300');
    db.exec(CORE_TABLES);
    const srs = db.prepare('INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run(
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      WGS84,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    );
    for (const r of references) srs.run(r.name, r.srid, 'EPSG', r.srid, r.definition, r.name);
    let count = 0;
    for (const layer of layers) count = await writeLayer(db, layer, count, progress);
    return count;
  } finally {
    db.close();
  }
}

async function writeLayer(
  db: Sqlite.Database,
  layer: GpkgLayer,
  before: number,
  progress: (rows: number) => Promise<void> | void,
): Promise<number> {
  const table = quoteIdentifier(layer.name);
  const geometry = layer.geometry;
  const columns = layer.columns.filter((c) => c.name !== 'fid' && c.name !== 'geom');
  const definitions = [
    'fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL',
    ...(geometry ? [`geom ${geometry.type}`] : []),
    ...columns.map((c) => `${quoteIdentifier(c.name)} ${SQLITE_TYPES[c.type]}`),
  ];
  db.exec(`CREATE TABLE ${table} (${definitions.join(', ')})`);
  db.prepare(
    'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
  ).run(
    layer.name,
    geometry ? 'features' : 'attributes',
    layer.name,
    layer.description,
    geometry?.srid ?? null,
  );
  const rtree = quoteIdentifier(`rtree_${layer.name}_geom`);
  if (geometry) {
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
      layer.name,
      'geom',
      geometry.type,
      geometry.srid,
    );
    db.exec(`CREATE VIRTUAL TABLE ${rtree} USING rtree(id, minx, maxx, miny, maxy)`);
    db.prepare('INSERT INTO gpkg_extensions VALUES (?, ?, ?, ?, ?)').run(
      layer.name,
      'geom',
      'gpkg_rtree_index',
      'http://www.geopackage.org/spec120/#extension_rtree',
      'write-only',
    );
  }
  const names = [...(geometry ? ['geom'] : []), ...columns.map((c) => quoteIdentifier(c.name))];
  const insert = db.prepare(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  const index = geometry ? db.prepare(`INSERT INTO ${rtree} VALUES (?, ?, ?, ?, ?)`) : undefined;
  const indexOf = new Map(layer.columns.map((c, i) => [c, i]));
  let bounds: Envelope | null = null;
  const insertBatch = db.transaction((batch: readonly ExportRow[]) => {
    for (const row of batch) {
      const cells = columns.map((c) => sqliteValue(c.type, row.values[indexOf.get(c) ?? -1] ?? null));
      const blob =
        geometry && row.geometry instanceof Uint8Array
          ? gpkgGeometry(row.geometry, geometry.srid, row.box)
          : null;
      const { lastInsertRowid } = insert.run(...(geometry ? [blob] : []), ...cells);
      if (index && row.box) {
        index.run(lastInsertRowid, ...row.box);
        const [x0, x1, y0, y1] = row.box;
        bounds = bounds
          ? [
              Math.min(bounds[0], x0),
              Math.max(bounds[1], x1),
              Math.min(bounds[2], y0),
              Math.max(bounds[3], y1),
            ]
          : row.box;
      }
    }
  });
  let count = before;
  for await (const batch of layer.batches) {
    insertBatch(batch);
    count += batch.length;
    await progress(count);
  }
  const box = bounds as Envelope | null;
  if (box)
    db.prepare(
      'UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ? WHERE table_name = ?',
    ).run(...box, layer.name);
  return count;
}
