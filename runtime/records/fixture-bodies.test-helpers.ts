/**
 * Test support: the rows of a test/db module fixture (table rows, child-table rows, WKT) as the API
 * bodies that create the same records: one body per level record, in the fixture's order, with its
 * observers, media, references and group rows inlined and its geometries as GeoJSON.
 */

import { type ModuleFixture, type Row, type SqlValue, USER } from '../../test/db/module-fixture.ts';
import type { Queryable } from '../db/database.ts';
import type { ModulePlan } from './model/module-plan.ts';
import type { RecordShape } from './model/record-shape.ts';

export interface FixtureBody {
  readonly level: string;
  readonly id: string;
  readonly body: Record<string, unknown>;
}

const isWkt = (v: SqlValue | undefined): v is { readonly wkt: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'wkt' in v;

async function geoJson(db: Queryable, wkt: string): Promise<unknown> {
  const { rows } = await db.query<{ g: string }>('SELECT ST_AsGeoJSON(ST_GeomFromText($1, 4326)) AS g', [
    wkt,
  ]);
  return JSON.parse(rows[0]?.g ?? 'null');
}

async function value(db: Queryable, v: SqlValue | undefined): Promise<unknown> {
  return isWkt(v) ? geoJson(db, v.wkt) : v;
}

type Rows = readonly { readonly table: string; readonly values: Row }[];

const childRows = (rows: Rows, table: string, recordId: string) =>
  rows
    .filter((r) => r.table === table && r.values.record_id === recordId)
    .map((r) => r.values)
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0));

const present = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));

async function fieldsOf(
  db: Queryable,
  shape: RecordShape,
  row: Row,
  rows: Rows,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const id = String(row.id ?? '');
  for (const store of shape.stores) {
    const key = store.field.key;
    if (store.kind === 'none') continue;
    if (store.kind === 'column') {
      if (Object.hasOwn(row, store.column)) out[key] = await value(db, row[store.column]);
      continue;
    }
    if (store.kind === 'group') {
      const items = childRows(rows, store.rows.table.name, id);
      if (items.length > 0)
        out[key] = await Promise.all(items.map((r) => fieldsOf(db, store.rows, r, rows).then(present)));
      continue;
    }
    const items = childRows(rows, store.table.name, id);
    if (items.length === 0) continue;
    if (store.kind === 'observers') {
      const list = items.map((r) => present({ user_id: r.user_id, name: r.name }));
      out[key] = store.field.multiple ? list : list[0];
    } else if (store.kind === 'references') out[key] = items.map((r) => r.target_id);
    else out[key] = await Promise.all(items.map((r) => uploaded(db, r)));
  }
  return out;
}

/**
 * A fixture's media row as an API body names an uploaded file: the file is stored as the fixture's user
 * (the records' actor), as `POST /api/media` would, with the fixture's type and a few bytes.
 */
async function uploaded(db: Queryable, row: Row): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ storage_key: string }>(
    `INSERT INTO suivi.media_file (sha256, file_name, mime_type, size_bytes, uploaded_by, content)
     VALUES (repeat('0', 64), $1, $2, 4, $3::uuid, '\\x00010203'::bytea) RETURNING storage_key::text AS storage_key`,
    [row.file_name, row.mime_type, USER],
  );
  return { storage_key: rows[0]?.storage_key, title: `Titre de ${row.file_name}` };
}

export async function fixtureBodies(
  db: Queryable,
  module: ModulePlan,
  fixture: ModuleFixture,
): Promise<FixtureBody[]> {
  const out: FixtureBody[] = [];
  for (const { table, values } of fixture.rows) {
    const plan = module.levels.get(table);
    if (!plan) continue;
    const body: Record<string, unknown> = { id: values.id };
    for (const p of plan.parents) if (values[p.column] != null) body[p.column] = values[p.column];
    if (plan.hasGeometry && values.geom != null) body.geometry = await value(db, values.geom);
    Object.assign(body, await fieldsOf(db, plan.shape, values, fixture.rows));
    out.push({ level: table, id: String(values.id), body });
  }
  return out;
}
