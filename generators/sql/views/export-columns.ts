/**
 * How each field kind reads in an export: its code and its label, its names, its values joined into
 * one text. Multi-valued fields are aggregated in their stored order. Subquery aliases carry the depth
 * (`s1`, `v1`…), so the rows of a group can aggregate their own child tables without a clash.
 */
import {
  type FieldKind,
  type ResolvedChoice,
  type ResolvedField,
  sqlLiteral,
} from '../../../protocol-specs/index.ts';
import { childTableName, ident, qualified, type TableRef } from '../names.ts';
import type { FieldOf } from '../storage.ts';

export interface ViewColumn {
  readonly name: string;
  readonly sql: string;
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
    if (!f.multiple) return [...plain(f, scope), { name: `${f.key}_label`, sql: choiceLabel(f.choices, c) }];
    const u = `u${scope.depth}`;
    return [
      ...joined(f, scope),
      {
        name: `${f.key}_label`,
        sql: `(SELECT string_agg(${choiceLabel(f.choices, `${u}.code`)}, ', ' ORDER BY ${u}.n) FROM unnest(${c}) WITH ORDINALITY AS ${u}(code, n))`,
      },
    ];
  },
  vocabulary: (f, scope) => {
    const c = col(scope, f.key);
    const v = `v${scope.depth}`;
    const type = sqlLiteral(f.vocabulary);
    if (!f.multiple) {
      return [
        ...plain(f, scope),
        {
          name: `${f.key}_label`,
          sql: `(SELECT ${v}.label_fr FROM ref.vocabulary ${v} WHERE ${v}.type = ${type} AND ${v}.code = ${c})`,
        },
      ];
    }
    const u = `u${scope.depth}`;
    return [
      ...joined(f, scope),
      {
        name: `${f.key}_label`,
        sql: `(SELECT string_agg(${v}.label_fr, ', ' ORDER BY ${u}.n) FROM unnest(${c}) WITH ORDINALITY AS ${u}(code, n) JOIN ref.vocabulary ${v} ON ${v}.type = ${type} AND ${v}.code = ${u}.code)`,
      },
    ];
  },
  taxon: (f, scope) => {
    const t = `t${scope.depth}`;
    const name = (column: string) =>
      `(SELECT ${t}.${column} FROM ref.taxon ${t} WHERE ${t}.cd_nom = ${col(scope, f.key)})`;
    return [
      ...plain(f, scope),
      { name: `${f.key}_lb_nom`, sql: name('lb_nom') },
      { name: `${f.key}_nom_vern`, sql: name('nom_vern') },
    ];
  },
  observers: (f, scope) => [{ name: f.key, sql: observerNames(scope, f.key) }],
  dataset: (f, scope) => {
    const d = `d${scope.depth}`;
    return [
      ...plain(f, scope),
      {
        name: `${f.key}_label`,
        sql: `(SELECT ${d}.label FROM suivi.dataset ${d} WHERE ${d}.id = ${col(scope, f.key)})`,
      },
    ];
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
    const pairs = f.fields
      .flatMap((row) => fieldExports(row, rows))
      .map((c) => `${sqlLiteral(c.name)}, ${c.sql}`);
    // jsonb_build_object takes at most 100 arguments: 50 pairs a call, joined with ||.
    const objects: string[] = [];
    for (let i = 0; i < pairs.length; i += 50)
      objects.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    const object = objects.length > 0 ? objects.join(' || ') : "'{}'::jsonb";
    return [
      {
        name: f.key,
        sql: `(SELECT jsonb_agg(${object} ORDER BY ${s}.position) FROM ${qualified(rows.table)} ${s} WHERE ${s}.record_id = ${scope.alias}.id)`,
      },
    ];
  },
  section: () => [],
};

export function fieldExports(field: ResolvedField, scope: ExportScope): ViewColumn[] {
  return (EXPORTERS[field.kind] as Exporter<FieldKind>)(field as never, scope);
}

function choiceLabel(choices: readonly ResolvedChoice[], value: string): string {
  const whens = choices.map((c) => `WHEN ${sqlLiteral(c.value)} THEN ${sqlLiteral(c.label.fr)}`).join(' ');
  return `(CASE ${value} ${whens} END)`;
}

/** Observer names (the account's display name, else the free-text name), in their order. */
export function observerNames(scope: ExportScope, key: string): string {
  const s = `s${scope.depth}`;
  const p = `p${scope.depth}`;
  return `(SELECT string_agg(COALESCE(${p}.display_name, ${s}.name), ', ' ORDER BY ${s}.position) FROM ${child(scope, key)} ${s} LEFT JOIN suivi.app_user ${p} ON ${p}.id = ${s}.user_id WHERE ${s}.record_id = ${scope.alias}.id)`;
}
