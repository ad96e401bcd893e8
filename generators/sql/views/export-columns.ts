/**
 * How each field kind reads in an export: its code and its labels (French, and English where the spec
 * or the vocabulary has one), its names, its values joined into one text. Lookups of one row (a
 * vocabulary label, a taxon's names, a dataset's label) are LEFT JOINs on the looked-up table's primary
 * key, so the planner can run them set-based (a hash join over a whole export) and drops those whose
 * columns a query does not read; multi-valued fields stay scalar subqueries over their child table's
 * index, aggregated in their stored order, also dropped when not read. Subquery aliases carry the depth
 * (`s1`, `v1`…), so the rows of a group can aggregate their own child tables without a clash; join
 * aliases carry the owner's alias and the field key (`j_a_visit_season`).
 */
import {
  type FieldKind,
  type ResolvedChoice,
  type ResolvedField,
  sqlLiteral,
} from '../../../protocol-specs/index.ts';
import { childTableName, ident, qualified, shortName, type TableRef } from '../names.ts';
import type { FieldOf } from '../storage.ts';

export interface ViewColumn {
  readonly name: string;
  readonly sql: string;
  /** The LEFT JOIN its `sql` reads (a lookup on a primary key), if any; several columns may share one. */
  readonly join?: string;
}

export interface ExportScope {
  /** The table the field's record lives in, and its alias in the query. */
  readonly table: TableRef;
  readonly alias: string;
  /** Nesting depth of subqueries, for unique aliases. */
  readonly depth: number;
}

type Exporter<K extends FieldKind> = (field: FieldOf<K>, scope: ExportScope) => ViewColumn[];

const col = (scope: ExportScope, key: string): string => `${scope.alias}.${ident(key)}`;
const plain = (f: ResolvedField, scope: ExportScope): ViewColumn[] => [
  { name: f.key, sql: col(scope, f.key) },
];
const joined = (f: ResolvedField, scope: ExportScope): ViewColumn[] => [
  { name: f.key, sql: `array_to_string(${col(scope, f.key)}, ', ')` },
];
const child = (scope: ExportScope, key: string): string =>
  qualified({ schema: scope.table.schema, name: childTableName(scope.table.name, key) });

/** The alias of a field's lookup join: unique per owner alias and field key. */
const joinAlias = (scope: ExportScope, key: string): string => ident(shortName(`j_${scope.alias}_${key}`));

/** `LEFT JOIN ref.vocabulary j ON j.type = 'X' AND j.code = col`: the vocabulary's primary key. */
function vocabularyJoin(alias: string, vocabulary: string, column: string): string {
  return `LEFT JOIN ref.vocabulary ${alias} ON ${alias}.type = ${sqlLiteral(vocabulary)} AND ${alias}.code = ${column}`;
}

/** A vocabulary label in English, the French one where the vocabulary has no English. */
const englishLabel = (alias: string): string => `COALESCE(${alias}.label_en, ${alias}.label_fr)`;

/** A single vocabulary value's labels, through one join shared by both columns. */
export function vocabularyLabels(
  key: string,
  vocabulary: string,
  column: string,
  alias: string,
): ViewColumn[] {
  const join = vocabularyJoin(alias, vocabulary, column);
  return [
    { name: `${key}_label`, sql: `${alias}.label_fr`, join },
    { name: `${key}_label_en`, sql: englishLabel(alias), join },
  ];
}

export const EXPORTERS: { readonly [K in FieldKind]: Exporter<K> } = {
  text: plain,
  long_text: plain,
  integer: plain,
  decimal: plain,
  boolean: plain,
  date: plain,
  time: plain,
  datetime: plain,
  choice: (f, scope) => {
    const c = col(scope, f.key);
    if (!f.multiple)
      return [
        ...plain(f, scope),
        { name: `${f.key}_label`, sql: choiceLabel(f.choices, c, 'fr') },
        { name: `${f.key}_label_en`, sql: choiceLabel(f.choices, c, 'en') },
      ];
    const u = `u${scope.depth}`;
    const labels = (language: 'fr' | 'en') =>
      `(SELECT string_agg(${choiceLabel(f.choices, `${u}.code`, language)}, ', ' ORDER BY ${u}.n) FROM unnest(${c}) WITH ORDINALITY AS ${u}(code, n))`;
    return [
      ...joined(f, scope),
      { name: `${f.key}_label`, sql: labels('fr') },
      { name: `${f.key}_label_en`, sql: labels('en') },
    ];
  },
  vocabulary: (f, scope) => {
    const c = col(scope, f.key);
    if (!f.multiple)
      return [...plain(f, scope), ...vocabularyLabels(f.key, f.vocabulary, c, joinAlias(scope, f.key))];
    const v = `v${scope.depth}`;
    const u = `u${scope.depth}`;
    const type = sqlLiteral(f.vocabulary);
    const labels = (label: string) =>
      `(SELECT string_agg(${label}, ', ' ORDER BY ${u}.n) FROM unnest(${c}) WITH ORDINALITY AS ${u}(code, n) JOIN ref.vocabulary ${v} ON ${v}.type = ${type} AND ${v}.code = ${u}.code)`;
    return [
      ...joined(f, scope),
      { name: `${f.key}_label`, sql: labels(`${v}.label_fr`) },
      { name: `${f.key}_label_en`, sql: labels(englishLabel(v)) },
    ];
  },
  taxon: (f, scope) => {
    const t = joinAlias(scope, f.key);
    const join = `LEFT JOIN ref.taxon ${t} ON ${t}.cd_nom = ${col(scope, f.key)}`;
    return [
      ...plain(f, scope),
      { name: `${f.key}_lb_nom`, sql: `${t}.lb_nom`, join },
      { name: `${f.key}_nom_vern`, sql: `${t}.nom_vern`, join },
    ];
  },
  observers: (f, scope) => [{ name: f.key, sql: observerNames(scope, f.key) }],
  dataset: (f, scope) => {
    const d = joinAlias(scope, f.key);
    const join = `LEFT JOIN suivi.dataset ${d} ON ${d}.id = ${col(scope, f.key)}`;
    return [...plain(f, scope), { name: `${f.key}_label`, sql: `${d}.label`, join }];
  },
  habitat: (f, scope) => (f.multiple ? joined(f, scope) : plain(f, scope)),
  reference: (f, scope) => {
    if (!f.multiple) return plain(f, scope);
    const s = `s${scope.depth}`;
    return [
      {
        name: f.key,
        sql: `(SELECT string_agg(${s}.target_id::text, ', ' ORDER BY ${s}.target_id) FROM ${child(scope, f.key)} ${s} WHERE ${s}.record_id = ${scope.alias}.id)`,
      },
    ];
  },
  media: (f, scope) => {
    const s = `s${scope.depth}`;
    return [
      {
        name: f.key,
        sql: `(SELECT string_agg(${s}.file_name, ', ' ORDER BY ${s}.position) FROM ${child(scope, f.key)} ${s} WHERE ${s}.record_id = ${scope.alias}.id)`,
      },
    ];
  },
  geometry: (f, scope) => [
    ...plain(f, scope),
    { name: `${f.key}_wkt`, sql: `ST_AsText(${col(scope, f.key)})` },
  ],
  group: (f, scope) => {
    const s = `s${scope.depth}`;
    const rows: ExportScope = {
      table: { schema: scope.table.schema, name: childTableName(scope.table.name, f.key) },
      alias: s,
      depth: scope.depth + 1,
    };
    const columns = f.fields.flatMap((row) => fieldExports(row, rows));
    const pairs = columns.map((c) => `${sqlLiteral(c.name)}, ${c.sql}`);
    const from = [`${qualified(rows.table)} ${s}`, ...joinsOf(columns)].join(' ');
    // jsonb_build_object takes at most 100 arguments: 50 pairs a call, joined with ||.
    const objects: string[] = [];
    for (let i = 0; i < pairs.length; i += 50)
      objects.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    const object = objects.length > 0 ? objects.join(' || ') : "'{}'::jsonb";
    return [
      {
        name: f.key,
        sql: `(SELECT jsonb_agg(${object} ORDER BY ${s}.position) FROM ${from} WHERE ${s}.record_id = ${scope.alias}.id)`,
      },
    ];
  },
  section: () => [],
};

export function fieldExports(field: ResolvedField, scope: ExportScope): ViewColumn[] {
  return (EXPORTERS[field.kind] as Exporter<FieldKind>)(field as never, scope);
}

/** The distinct joins `columns` read, in their first order. */
export function joinsOf(columns: readonly ViewColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => (c.join ? [c.join] : [])))];
}

function choiceLabel(choices: readonly ResolvedChoice[], value: string, language: 'fr' | 'en'): string {
  const label = (c: ResolvedChoice) => (language === 'en' ? (c.label.en ?? c.label.fr) : c.label.fr);
  const whens = choices.map((c) => `WHEN ${sqlLiteral(c.value)} THEN ${sqlLiteral(label(c))}`).join(' ');
  return `(CASE ${value} ${whens} END)`;
}

/** Observer names (the account's display name, else the free-text name), in their order. */
export function observerNames(scope: ExportScope, key: string): string {
  const s = `s${scope.depth}`;
  const p = `p${scope.depth}`;
  return `(SELECT string_agg(COALESCE(${p}.display_name, ${s}.name), ', ' ORDER BY ${s}.position) FROM ${child(scope, key)} ${s} LEFT JOIN suivi.app_user ${p} ON ${p}.id = ${s}.user_id WHERE ${s}.record_id = ${scope.alias}.id)`;
}
