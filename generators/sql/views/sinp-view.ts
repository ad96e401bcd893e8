/**
 * `<code>.v_occurrence_sinp`: the records of the occurrence level as rows of the SINP "Occurrences de
 * taxons" standard. The same columns in every module (unmapped attributes are NULL), so the sync can
 * read all modules alike. Rules compile over the record and its joined ancestors; a rule SQL cannot
 * compute gives NULL, said in a comment above the view. Rows whose publishAfter date is still ahead
 * are left out.
 */
import {
  compileRuleToSqlValue,
  findStandardVocabulary,
  type MappingSource,
  type OccurrenceAttribute,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
  type SqlBase,
  sqlLiteral,
  VALIDATION_VOCABULARY,
} from '../../../protocol-specs/index.ts';
import type { SchemaModel } from '../model.ts';
import { ident, qualified, SINP_VIEW_NAME, snakeCase } from '../names.ts';
import { columnsOf, environment, type InlineField, joinedScope, rescope } from '../rule-env.ts';
import { ancestry, type JoinedLevel, RECORD_ALIAS } from './ancestry.ts';
import { observerNames, type ViewColumn } from './export-columns.ts';
import { renderView, selectItem } from './render-view.ts';

type Target = 'integer' | 'text' | 'date' | 'uuid' | 'geometry';

/** Each attribute's column in the view and its type; publishAfter filters rows instead. */
const ATTRIBUTES = {
  taxon: { column: 'cd_nom', type: 'integer' },
  citedName: { column: 'nom_cite', type: 'text' },
  dateStart: { column: 'date_debut', type: 'date' },
  dateEnd: { column: 'date_fin', type: 'date' },
  countMin: { column: 'denombrement_min', type: 'integer' },
  countMax: { column: 'denombrement_max', type: 'integer' },
  observers: { column: 'observateur', type: 'text' },
  determiner: { column: 'determinateur', type: 'text' },
  geometry: { column: 'geom', type: 'geometry' },
  dataset: { column: 'jdd_uuid', type: 'uuid' },
  comment: { column: 'comment', type: 'text' },
  publishAfter: { column: 'publish_after', type: 'date' },
} as const satisfies Record<OccurrenceAttribute, { column: string; type: Target }>;

/** A value's SQL and what it is, so it can be cast to the column's type. */
export interface Value {
  readonly sql: string;
  readonly base: SqlBase | 'uuid' | 'geometry';
  /** Set when the SQL already has exactly this PostgreSQL type (a column): no cast needed. */
  readonly typed?: Target;
}

const NULL_VALUE: Value = { sql: 'NULL', base: 'null' };

const TYPE_NAMES: Readonly<Record<Target, string>> = {
  integer: 'integer',
  text: 'text',
  date: 'date',
  uuid: 'uuid',
  geometry: 'geometry',
};

function cast(value: Value, target: Target): string {
  if (value.base === 'null') return `NULL::${TYPE_NAMES[target]}`;
  if (value.typed === target) return value.sql;
  if (target === 'integer' && value.base === 'int') return `(${value.sql})::integer`;
  // Counts are whole numbers in the standard: decimals round half away from zero, as numeric round() does.
  if (target === 'integer') return `round((${value.sql})::numeric)::integer`;
  if ((target === 'date' && value.base === 'date') || (target === 'geometry' && value.base === 'geometry'))
    return value.sql;
  if ((target === 'text' && value.base === 'text') || (target === 'uuid' && value.base === 'uuid'))
    return value.sql;
  return `(${value.sql})::${TYPE_NAMES[target]}`;
}

const FIELD_BASES: Partial<Record<ResolvedField['kind'], Value['base']>> = {
  text: 'text',
  long_text: 'text',
  integer: 'int',
  taxon: 'int',
  decimal: 'float',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  boolean: 'boolean',
  choice: 'text',
  vocabulary: 'text',
  habitat: 'text',
  dataset: 'uuid',
  reference: 'uuid',
  geometry: 'geometry',
};

/** The target type a column of this base already has (integer columns, text, date, uuid, geometry). */
const COLUMN_TARGETS: Partial<Record<Value['base'], Target>> = {
  int: 'integer',
  text: 'text',
  date: 'date',
  uuid: 'uuid',
  geometry: 'geometry',
};

function literalValue(value: string | number | boolean): Value {
  if (typeof value === 'string') return { sql: `${sqlLiteral(value)}::text`, base: 'text', typed: 'text' };
  if (typeof value === 'boolean') return { sql: sqlLiteral(value), base: 'boolean' };
  return { sql: sqlLiteral(value), base: Number.isSafeInteger(value) ? 'int' : 'float' };
}

/**
 * The occurrence level's record joined with its ancestors, and its mapped attributes as SQL over them:
 * shared by this view and the dashboards (generators/dashboards), so both read the same date and taxon.
 */
export interface OccurrenceSql {
  readonly level: ResolvedLevel;
  readonly joined: readonly JoinedLevel[];
  /** An attribute cast to its SINP column's type (`NULL::date` when unmapped or not computable). */
  readonly attribute: (name: OccurrenceAttribute) => string;
  readonly sourceValue: (source: MappingSource | undefined, what: string) => Value;
  /** Rules SQL cannot compute, one line each (they give NULL). */
  readonly notes: string[];
}

export function occurrenceSql(protocol: ResolvedProtocol, model: SchemaModel): OccurrenceSql | undefined {
  const occurrence = protocol.occurrence;
  const level = protocol.levels.find((l) => l.key === occurrence?.level);
  if (!occurrence || !level) return undefined;
  const joined = ancestry(protocol, level);
  const notes: string[] = [];
  const env = environment(
    Object.assign(
      {},
      ...joined.map((j) =>
        columnsOf(inlineFields(model, j), j.alias, j.distance === 0 ? '' : `${j.level.key}.`),
      ),
    ),
  );
  const rename = joinedScope(level.parents.length === 1 ? level.parents[0] : undefined);

  const sourceValue = (source: MappingSource | undefined, what: string): Value => {
    if (!source) return NULL_VALUE;
    switch (source.kind) {
      case 'value':
      case 'code':
        return literalValue(source.kind === 'value' ? source.value : source.code);
      case 'geometry': {
        const j = joined.find((x) => x.level.key === source.level);
        return j ? { sql: `${j.alias}.geom`, base: 'geometry' } : NULL_VALUE;
      }
      case 'field': {
        const j = joined.find((x) => x.level.key === source.level);
        const field = j?.level.fields.find((f) => f.key === source.field);
        if (!j || !field) return NULL_VALUE;
        const scope = { table: { schema: protocol.code, name: j.level.key }, alias: j.alias, depth: 1 };
        if (field.kind === 'observers') return { sql: observerNames(scope, field.key), base: 'text' };
        const base = FIELD_BASES[field.kind];
        if (!base) return NULL_VALUE;
        const typed = COLUMN_TARGETS[base];
        return { sql: `${j.alias}.${ident(field.key)}`, base, ...(typed ? { typed } : {}) };
      }
      case 'rule': {
        const compiled = compileRuleToSqlValue(rescope(source.rule.ast, rename), env);
        if (compiled.ok && !compiled.list) return { sql: compiled.sql, base: compiled.base };
        notes.push(`${what} is NULL: ${source.rule.source} (${compiled.ok ? 'a list' : compiled.reason})`);
        return NULL_VALUE;
      }
    }
  };

  const attribute = (name: OccurrenceAttribute) =>
    cast(sourceValue(occurrence.attributes[name], name), ATTRIBUTES[name].type);
  return { level, joined, attribute, sourceValue, notes };
}

export function sinpView(protocol: ResolvedProtocol, model: SchemaModel): string | undefined {
  const occurrence = protocol.occurrence;
  const found = occurrenceSql(protocol, model);
  if (!occurrence || !found) return undefined;
  const { level, joined, attribute, sourceValue, notes } = found;
  const r = RECORD_ALIAS;
  // The occurrence level is validated (protocol-specs/standard/validation.ts): its status is the
  // expert's, stored on the record, never a mapping's; a mapped STATUT_VALID is superseded by it.
  const mapped = Object.entries(occurrence.nomenclatures).filter(([type]) => type !== VALIDATION_VOCABULARY);
  const validation = nomenclatureColumn(VALIDATION_VOCABULARY);
  const inner: ViewColumn[] = [
    { name: 'id_sinp_occtax', sql: `${r}.id` },
    ...(Object.keys(ATTRIBUTES) as OccurrenceAttribute[])
      .filter((a) => a !== 'publishAfter')
      .map((a) => ({ name: ATTRIBUTES[a].column, sql: attribute(a) })),
    ...mapped.map(([type, source]) => ({
      name: nomenclatureColumn(type),
      sql: cast(sourceValue(source, type), 'text'),
    })),
    { name: validation, sql: `${r}.validation_status` },
    { name: 'organisation_id', sql: `${r}.organisation_id` },
    {
      name: 'modified_at',
      sql: `GREATEST(${joined.map((j) => `COALESCE(${j.alias}.updated_at, ${j.alias}.created_at)`).join(', ')})`,
    },
  ];
  const where = publishFilter(sourceValue(occurrence.attributes.publishAfter, 'publishAfter'), notes);
  const source = [
    `${qualified({ schema: protocol.code, name: level.key })} ${r}`,
    ...joined.flatMap((j) => (j.join ? [j.join] : [])),
  ];
  const subquery = [
    '(',
    '  SELECT',
    inner.map((c) => `    ${selectItem(c)}`).join(',\n'),
    `  FROM ${source.join('\n  ')}${where ? `\n  WHERE ${where}` : ''}`,
    ') o',
  ].join('\n');
  const o = (name: string) => ({ name, sql: `o.${ident(name)}` });
  return renderView({
    view: { schema: protocol.code, name: SINP_VIEW_NAME },
    comment: `Occurrences de taxons (standard SINP) issues du niveau « ${level.key} » : une ligne par enregistrement diffusable`,
    notes:
      notes.length > 0
        ? [
            'Computed as NULL here (SQL cannot compute these rules; the export service may):',
            ...notes.map((n) => `  ${n}`),
          ]
        : [],
    columns: [
      o('id_sinp_occtax'),
      o('cd_nom'),
      { name: 'cd_ref', sql: 't.cd_ref' },
      // The standard wants the name as cited; without a mapping, the TAXREF name stands for it.
      { name: 'nom_cite', sql: 'COALESCE(o.nom_cite, t.nom_complet, t.lb_nom)' },
      o('date_debut'),
      { name: 'date_fin', sql: 'COALESCE(o.date_fin, o.date_debut)' },
      o('denombrement_min'),
      { name: 'denombrement_max', sql: 'COALESCE(o.denombrement_max, o.denombrement_min)' },
      o('observateur'),
      o('determinateur'),
      o('geom'),
      { name: 'geom_wkt', sql: 'ST_AsText(o.geom)' },
      o('jdd_uuid'),
      o('comment'),
      ...mapped.map(([type]) => o(nomenclatureColumn(type))),
      o(validation),
      o('organisation_id'),
      o('modified_at'),
    ],
    from: [subquery, 'LEFT JOIN ref.taxon t ON t.cd_nom = o.cd_nom'],
  });
}

/** `STATUT_OBS` → `statut_observation_code` (its SINP attribute, statutObservation, in snake case). */
export function nomenclatureColumn(type: string): string {
  const attribute = findStandardVocabulary(type)?.sinpAttribute;
  return `${attribute ? snakeCase(attribute) : type.toLowerCase()}_code`;
}

/** Published once the date has come; a date SQL cannot compute publishes nothing rather than too much. */
function publishFilter(value: Value, notes: string[]): string | undefined {
  if (value.base === 'null') {
    if (notes.some((n) => n.startsWith('publishAfter'))) return 'FALSE';
    return undefined;
  }
  const bound = value.base === 'datetime' ? 'now()' : 'CURRENT_DATE';
  const sql = value.base === 'date' || value.base === 'datetime' ? value.sql : `(${value.sql})::date`;
  return `(${sql} IS NULL OR ${sql} <= ${bound})`;
}

/** The fields of a joined level stored as columns of its table (rules can read only those). */
function inlineFields(model: SchemaModel, joined: JoinedLevel): InlineField[] {
  const table = model.tables.find((t) => t.role === 'level' && t.name === joined.level.key);
  const columns = new Set(table?.columns.map((c) => c.name));
  return joined.level.fields.filter((f) => columns.has(f.key)).map((field) => ({ field, column: field.key }));
}
