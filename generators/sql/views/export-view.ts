/**
 * `<code>.v_<level>_export`: one row per record with its own columns, codes with their labels, taxon
 * names, multi-valued fields joined, its geometry three ways, then every ancestor's fields prefixed with
 * the ancestor's key (`site_base_site_name`). The ancestors and the lookups (labels, names) are LEFT
 * JOINs on primary keys: one set-based plan for a whole export, and unread lookups drop out.
 */
import {
  isValidatedLevel,
  type ResolvedLevel,
  type ResolvedProtocol,
  VALIDATION_VOCABULARY,
} from '../../../protocol-specs/index.ts';
import { exportViewName, ident, parentColumn, qualified } from '../names.ts';
import { ancestry, ColumnNames, type JoinedLevel, RECORD_ALIAS } from './ancestry.ts';
import {
  type ExportScope,
  fieldExports,
  joinsOf,
  type ViewColumn,
  vocabularyLabels,
} from './export-columns.ts';
import { renderView } from './render-view.ts';

const AUDIT = ['spec_version', 'row_version', 'created_at', 'created_by', 'updated_at', 'updated_by'];

export function exportView(protocol: ResolvedProtocol, level: ResolvedLevel): string {
  const joined = ancestry(protocol, level);
  const names = new ColumnNames();
  const columns: ViewColumn[] = [];
  const add = (name: string, sql: string, alternative?: string, join?: string) =>
    columns.push({ name: names.claim(name, alternative), sql, ...(join ? { join } : {}) });
  // A name already taken falls back to `<level>__<name>`.
  const addAll = (list: readonly ViewColumn[], owner: string, prefix: string) => {
    for (const c of list) add(`${prefix}${c.name}`, c.sql, `${owner}__${c.name}`, c.join);
  };
  const r = RECORD_ALIAS;

  add('id', `${r}.id`);
  for (const p of level.parents) add(parentColumn(p), `${r}.${ident(parentColumn(p))}`);
  for (const a of joined.filter((j) => j.distance > 1)) add(parentColumn(a.level.key), `${a.alias}.id`);
  add('organisation_id', `${r}.organisation_id`);
  addAll(levelExports(protocol, joined[0] as JoinedLevel), level.key, '');
  if (level.geometry.kind !== 'none') {
    add('geom', `${r}.geom`);
    add('geom_wkt', `ST_AsText(${r}.geom)`);
    add('geom_geojson', `ST_AsGeoJSON(${r}.geom)`);
  }
  if (isValidatedLevel(protocol, level.key)) {
    add('validation_status', `${r}.validation_status`);
    addAll(
      vocabularyLabels('validation_status', VALIDATION_VOCABULARY, `${r}.validation_status`, 'j_validation'),
      level.key,
      '',
    );
    for (const c of ['validated_by', 'validated_at', 'validation_comment']) add(c, `${r}.${c}`);
  }
  for (const a of AUDIT) add(a, `${r}.${a}`);
  for (const ancestor of joined.slice(1)) {
    const prefix = ancestor.level.key;
    addAll(levelExports(protocol, ancestor), prefix, `${prefix}_`);
    if (ancestor.level.geometry.kind !== 'none')
      add(`${prefix}_geom_wkt`, `ST_AsText(${ancestor.alias}.geom)`, `${prefix}__geom_wkt`);
  }

  const from = [
    `${qualified({ schema: protocol.code, name: level.key })} ${r}`,
    ...joined.flatMap((j) => (j.join ? [j.join] : [])),
    ...joinsOf(columns),
  ];
  return renderView({
    view: { schema: protocol.code, name: exportViewName(level.key) },
    comment: `${level.plural.fr} : export à plat, avec les libellés et les niveaux parents`,
    columns,
    from,
  });
}

function levelExports(protocol: ResolvedProtocol, joined: JoinedLevel): ViewColumn[] {
  const scope: ExportScope = {
    table: { schema: protocol.code, name: joined.level.key },
    alias: joined.alias,
    depth: 1,
  };
  return joined.level.fields.flatMap((f) => fieldExports(f, scope));
}
