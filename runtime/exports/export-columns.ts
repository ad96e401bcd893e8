/**
 * The columns of a level's export: those of its generated export view `v_<level>_export` (own fields,
 * then each ancestor's, prefixed with the ancestor's level key: the whole tree joined), each with a
 * value type the writers map to their own (GeoPackage affinity, XLSX cell, CSV text) and a header in
 * the language asked. Codes or labels: a vocabulary column has a `<column>_label` sibling in the view
 * (and `<column>_label_en`, in English); `codes` drops the siblings, `labels` writes the label (English
 * with English headers; the code when it has none) under the code's name. The view's geometry columns are left out: writers take the level's geometry separately
 * (`geom`), and the view's WKT columns carry the others.
 */
import { sql } from 'kysely';
import type { Queryable } from '../db/database.ts';
import type { LevelPlan, ModulePlan } from '../records/model/module-plan.ts';
import { bound, recordsDb } from '../records/sql/dynamic.ts';
import type { HeaderLanguage, ValueMode } from './export-options.ts';

export type ValueType = 'text' | 'integer' | 'real' | 'boolean' | 'date' | 'datetime';

export interface ExportColumn {
  /** The view column the value comes from. */
  readonly source: string;
  /** Its `_label` sibling, read instead in `labels` mode. */
  readonly label?: string;
  /** The column's name in the file (view name, or the field's label). */
  readonly header: string;
  /** A stable identifier (the view column's name): GeoPackage fields and GeoJSON properties. */
  readonly name: string;
  readonly type: ValueType;
}

interface ViewColumn {
  readonly name: string;
  readonly type: string;
}

/** PostgreSQL type names (format_type) to a value type; anything unknown is text. */
export function valueType(pgType: string): ValueType {
  if (/^(integer|smallint|bigint)$/.test(pgType)) return 'integer';
  if (/^(numeric|real|double precision)/.test(pgType)) return 'real';
  if (pgType === 'boolean') return 'boolean';
  if (pgType === 'date') return 'date';
  if (/^timestamp/.test(pgType)) return 'datetime';
  return 'text';
}

const SYSTEM_HEADERS: Readonly<Record<string, { fr: string; en: string }>> = {
  id: { fr: 'Identifiant', en: 'Identifier' },
  organisation_id: { fr: 'Organisme', en: 'Organisation' },
  spec_version: { fr: 'Version du protocole', en: 'Protocol version' },
  row_version: { fr: 'Version de l’enregistrement', en: 'Record version' },
  created_at: { fr: 'Créé le', en: 'Created at' },
  created_by: { fr: 'Créé par', en: 'Created by' },
  updated_at: { fr: 'Modifié le', en: 'Updated at' },
  updated_by: { fr: 'Modifié par', en: 'Updated by' },
  validation_status: { fr: 'Statut de validation', en: 'Validation status' },
  validated_by: { fr: 'Validé par', en: 'Validated by' },
  validated_at: { fr: 'Validé le', en: 'Validated at' },
  validation_comment: { fr: 'Commentaire de validation', en: 'Validation comment' },
  geom_wkt: { fr: 'Géométrie (WKT)', en: 'Geometry (WKT)' },
};

const SUFFIXES: readonly { readonly suffix: string; readonly fr: string; readonly en: string }[] = [
  { suffix: '_wkt', fr: ' (WKT)', en: ' (WKT)' },
  { suffix: '_lb_nom', fr: ' (nom scientifique)', en: ' (scientific name)' },
  { suffix: '_nom_vern', fr: ' (nom vernaculaire)', en: ' (common name)' },
  { suffix: '_label', fr: ' (libellé)', en: ' (label)' },
];

/** A column's header in `language`: `Passage — Saison` for an ancestor's, the column name when unknown. */
export function headerOf(module: ModulePlan, plan: LevelPlan, column: string, language: HeaderLanguage) {
  if (language === 'columns') return column;
  const pick = (l: { fr: string; en?: string }) => (language === 'en' ? (l.en ?? l.fr) : l.fr);
  // Ancestors' columns are prefixed with their level key; the longest key first (site vs site_group).
  const levels = [...module.levels.values()].sort((a, b) => b.level.key.length - a.level.key.length);
  for (const owner of levels) {
    if (owner === plan || !column.startsWith(`${owner.level.key}_`)) continue;
    const own = fieldHeader(owner, column.slice(owner.level.key.length + 1), pick);
    if (own) return `${pick(owner.level.label)} — ${own}`;
  }
  if (column.endsWith('_id')) {
    const parent = module.levels.get(column.slice(0, -3));
    if (parent) return pick(parent.level.label);
  }
  return fieldHeader(plan, column, pick) ?? column;
}

function fieldHeader(
  plan: LevelPlan,
  column: string,
  pick: (l: { fr: string; en?: string }) => string,
): string | undefined {
  const system = SYSTEM_HEADERS[column];
  if (system) return pick(system);
  const byColumn = (name: string) =>
    plan.shape.stores.find((s) => (s.kind === 'column' ? s.column : s.field.key) === name);
  const direct = byColumn(column);
  if (direct) return pick(direct.field.label);
  for (const { suffix, fr, en } of SUFFIXES) {
    if (!column.endsWith(suffix)) continue;
    const base = byColumn(column.slice(0, -suffix.length)) ?? SYSTEM_HEADERS[column.slice(0, -suffix.length)];
    if (base) return `${pick('field' in base ? base.field.label : base)}${pick({ fr, en })}`;
  }
  return undefined;
}

/** Views do not change while a module version is served: their columns are read once per level. */
const viewColumnsOf = new WeakMap<LevelPlan, Promise<ViewColumn[]>>();

export function viewColumns(db: Queryable, plan: LevelPlan): Promise<ViewColumn[]> {
  let columns = viewColumnsOf.get(plan);
  if (!columns) {
    const { schema, name } = plan.exportView;
    // The catalog is no table of ours: the view's schema and name bound (quoted by format's %I).
    const view = sql`to_regclass(format('%I.%I', ${bound(schema, 'text')}, ${bound(name, 'text')}))`;
    columns = sql<ViewColumn>`
      SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a WHERE a.attrelid = ${view} AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attnum`
      .execute(recordsDb(db))
      .then((r) => r.rows);
    columns.catch(() => viewColumnsOf.delete(plan));
    viewColumnsOf.set(plan, columns);
  }
  return columns;
}

export interface ColumnChoice {
  readonly values: ValueMode;
  readonly headers: HeaderLanguage;
  /** The level's geometry travels as the feature's (GeoJSON, GeoPackage): its WKT column is left out. */
  readonly geometryApart: boolean;
  /** Keep the ancestors' columns (the whole tree); false: the level's own and its parent links. */
  readonly tree: boolean;
}

/** The level keys of `plan`'s ancestors (parents, their parents…). */
export function ancestorsOf(module: ModulePlan, plan: LevelPlan): string[] {
  const found: string[] = [];
  const visit = (p: LevelPlan) => {
    for (const link of p.parents) {
      const parent = module.levels.get(link.key);
      if (!parent || found.includes(link.key)) continue;
      found.push(link.key);
      visit(parent);
    }
  };
  visit(plan);
  return found;
}

/** The columns of `plan`'s export in `choice`'s shape. */
export async function exportColumns(
  db: Queryable,
  module: ModulePlan,
  plan: LevelPlan,
  choice: ColumnChoice,
): Promise<ExportColumn[]> {
  const all = await viewColumns(db, plan);
  const names = new Set(all.map((c) => c.name));
  const ancestors = choice.tree ? [] : ancestorsOf(module, plan);
  const inherited = (name: string) =>
    ancestors.some((key) => name.startsWith(`${key}_`) && name !== `${key}_id`);
  const kept = all.filter(
    (c) =>
      !c.type.startsWith('geometry') &&
      c.name !== 'geom_geojson' &&
      !inherited(c.name) &&
      !(choice.geometryApart && plan.hasGeometry && c.name === 'geom_wkt') &&
      // A label beside its code: written instead of the code, or not at all.
      !(c.name.endsWith('_label') && names.has(c.name.slice(0, -'_label'.length))) &&
      !(c.name.endsWith('_label_en') && names.has(c.name.slice(0, -'_en'.length))),
  );
  // Labels in English with English headers, where the view has them (the spec's or the vocabulary's
  // English, the French where there is none); French otherwise.
  const labelOf = (column: string) =>
    choice.headers === 'en' && names.has(`${column}_label_en`) ? `${column}_label_en` : `${column}_label`;
  return kept.map((c) => {
    const label = labelOf(c.name);
    const labelled = choice.values === 'labels' && names.has(label);
    return {
      source: c.name,
      ...(labelled ? { label } : {}),
      name: c.name,
      header: headerOf(module, plan, c.name, choice.headers),
      // A label is text whatever its code was.
      type: labelled ? 'text' : valueType(c.type),
    };
  });
}
