/**
 * Resolved protocol → table model: one table per level (`<code>.<level>`), each followed by the child
 * tables of its multi-valued fields. Conventions in README.md.
 */
import {
  compileRuleToSql,
  type GroupField,
  isValidatedLevel,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
} from '../../protocol-specs/index.ts';
import { storageOf, validGeometry } from './columns.ts';
import { foreignKey } from './constraints.ts';
import { fieldRules, type RuleTarget } from './field-checks.ts';
import { type Indexed, tableIndexes } from './indexes.ts';
import { childTable, rankedRowFrame } from './link-tables.ts';
import { listIndexes } from './list-indexes.ts';
import type { Column, Constraint, SchemaModel, Table } from './model.ts';
import {
  checkConstraintName,
  constraintName,
  ident,
  parentColumn,
  primaryKeyName,
  type TableRef,
} from './names.ts';
import { columnsOf, environment, type InlineField, rowScope } from './rule-env.ts';
import type { StorageContext } from './storage.ts';
import { checkUniqueNames } from './unique-names.ts';
import { validationStorage } from './validation-columns.ts';

/** Schemas the core owns (and PostgreSQL's): a protocol code must not take them. */
const CORE_SCHEMAS = new Set(['ref', 'suivi', 'public', 'information_schema']);

export function schemaModel(protocol: ResolvedProtocol): SchemaModel {
  if (CORE_SCHEMAS.has(protocol.code) || protocol.code.startsWith('pg_'))
    throw new Error(`protocol code "${protocol.code}" names a schema Suivi or PostgreSQL already uses`);
  const model: SchemaModel = {
    schema: protocol.code,
    comment: `${protocol.label.fr} — module Suivi, version ${protocol.version} du protocole`,
    vocabularies: protocol.vocabularies.filter((v) => v.source === 'protocol'),
    tables: protocol.levels.flatMap((level) => levelTables(protocol, level)),
  };
  checkUniqueNames(model);
  return model;
}

interface StoredFields {
  readonly columns: Column[];
  readonly constraints: Constraint[];
  readonly indexed: Indexed[];
  readonly children: Table[];
  readonly serverRules: string[];
  readonly serverValues: string[];
  readonly inline: InlineField[];
}

/** Columns, constraints and child tables of fields stored in one table; rules read that table's columns. */
function storeFields(
  fields: readonly ResolvedField[],
  ctx: StorageContext,
  target: (inline: readonly InlineField[]) => RuleTarget,
): StoredFields {
  const out: StoredFields = {
    columns: [],
    constraints: [],
    indexed: [],
    children: [],
    serverRules: [],
    serverValues: [],
    inline: [],
  };
  const storages = fields.map((field) => ({ field, storage: storageOf(field, ctx) }));
  for (const { field, storage } of storages)
    if (storage.column) out.inline.push({ field, column: storage.column.name });
  const rules = target(out.inline);
  for (const { field, storage } of storages) {
    if (storage.column) out.columns.push(storage.column);
    out.columns.push(...storage.extraColumns);
    const stored = storage.column ? { column: storage.column.name, type: storage.column.type } : undefined;
    const checks = fieldRules(field, rules, stored);
    out.constraints.push(...storage.constraints, ...checks.constraints);
    out.indexed.push(...storage.indexed);
    out.children.push(...storage.children);
    out.serverRules.push(...storage.serverRules, ...checks.serverRules);
    out.serverValues.push(...checks.serverValues);
  }
  return out;
}

function levelTables(protocol: ResolvedProtocol, level: ResolvedLevel): Table[] {
  const table: TableRef = { schema: protocol.code, name: level.key };
  const ctx: StorageContext = { protocol, table, level: level.key, path: '', groupTables };
  const stored = storeFields(level.fields, ctx, (inline) => ({
    env: environment(columnsOf(inline)),
    selfScope: 'value',
    path: '',
  }));
  const parents = level.parents.map((key) => ({ key, column: parentColumn(key) }));
  const { kind, required } = level.geometry;
  const geometry = kind === 'none' ? undefined : { kind, required };
  const validation = isValidatedLevel(protocol, level.key)
    ? validationStorage()
    : { columns: [], constraints: [], indexed: [] };

  const columns: Column[] = [
    {
      name: 'id',
      type: 'uuid',
      notNull: true,
      default: { kind: 'function', name: 'gen_random_uuid' },
      comment: 'Identifiant permanent de l’enregistrement (UUID SINP)',
    },
    ...parents.map(
      (p): Column => ({
        name: p.column,
        type: 'uuid',
        // One parent, or all of several: always there. Otherwise at least one (parents__any).
        notNull: level.parentsRequired === 'all',
        comment: `Enregistrement parent (${p.key})`,
      }),
    ),
    {
      name: 'organisation_id',
      type: 'uuid',
      notNull: false,
      comment: 'Organisme propriétaire (portée des droits)',
    },
    ...(geometry
      ? [
          {
            name: 'geom',
            type: { geometry: geometry.kind },
            notNull: geometry.required,
            comment: `Géométrie (${geometry.kind}, WGS 84)`,
          } satisfies Column,
        ]
      : []),
    ...stored.columns,
    ...validation.columns,
    ...auditColumns(protocol.version),
  ];
  const parentsAny: Constraint = {
    kind: 'check',
    name: constraintName('parents', 'any'),
    sql: `num_nonnulls(${parents.map((p) => ident(p.column)).join(', ')}) >= 1`,
    source: 'at least one parent',
  };
  const checks = recordChecks(level, environment(columnsOf(stored.inline)));
  const constraints: Constraint[] = [
    { kind: 'primary_key', name: primaryKeyName(level.key), columns: ['id'] },
    ...(level.parentsRequired === 'any' ? [parentsAny] : []),
    // RESTRICT: the server deletes children first, one by one, so each deletion reaches suivi.deletion_log.
    ...parents.map((p) => foreignKey(p.column, [p.column], { schema: protocol.code, name: p.key }, ['id'])),
    foreignKey('organisation_id', ['organisation_id'], { schema: 'suivi', name: 'organisation' }, ['id']),
    ...(geometry ? [validGeometry('geom')] : []),
    ...stored.constraints,
    ...checks.constraints,
    ...validation.constraints,
  ];
  const indexed: Indexed[] = [
    ...parents.map((p) => ({ column: p.column, method: 'btree' as const })),
    { column: 'organisation_id', method: 'btree' },
    ...(geometry ? [{ column: 'geom', method: 'gist' as const }] : []),
    ...stored.indexed,
    ...validation.indexed,
  ];
  const levelTable: Table = {
    ...table,
    role: 'level',
    level: level.key,
    comment: `${level.label.fr} — niveau « ${level.key} » (${level.type})`,
    columns,
    constraints,
    indexes: tableIndexes(level.key, constraints, indexed, listIndexes(level, stored.inline)),
    serverRules: [...stored.serverRules, ...checks.serverRules],
    serverValues: stored.serverValues,
  };
  return [levelTable, ...stored.children];
}

/**
 * The level's record checks as CHECK constraints `ck_<table>_<id>`, when the rule compiles exactly over
 * the table's own columns; otherwise (an ancestor's field, today()…) the server enforces it alone.
 */
function recordChecks(
  level: ResolvedLevel,
  env: ReturnType<typeof environment>,
): { constraints: Constraint[]; serverRules: string[] } {
  const constraints: Constraint[] = [];
  const serverRules: string[] = [];
  for (const check of level.checks ?? []) {
    const compiled = compileRuleToSql(check.rule.ast, env);
    if (compiled.ok)
      constraints.push({
        kind: 'check',
        name: checkConstraintName(level.key, check.id),
        sql: compiled.sql,
        source: `check ${check.id}: ${check.rule.source}`,
      });
    else serverRules.push(`check ${check.id}: ${check.rule.source} (${compiled.reason})`);
  }
  return { constraints, serverRules };
}

function auditColumns(version: number): Column[] {
  const now = { kind: 'function', name: 'now' } as const;
  return [
    {
      name: 'spec_version',
      type: 'integer',
      notNull: true,
      default: { kind: 'literal', value: version },
      comment: 'Version du protocole sous laquelle l’enregistrement a été écrit',
    },
    {
      name: 'row_version',
      type: 'integer',
      notNull: true,
      default: { kind: 'literal', value: 1 },
      comment: 'Incrémenté à chaque modification (verrou optimiste, synchronisation)',
    },
    { name: 'created_at', type: 'timestamptz', notNull: true, default: now, comment: 'Date de création' },
    { name: 'created_by', type: 'uuid', notNull: false, comment: 'Auteur de la création (suivi.app_user)' },
    { name: 'updated_at', type: 'timestamptz', notNull: false, comment: 'Date de dernière modification' },
    { name: 'updated_by', type: 'uuid', notNull: false, comment: 'Auteur de la dernière modification' },
  ];
}

/** A group's rows: a table of their own (`<table>__<group>`), followed by their own child tables. */
function groupTables(field: GroupField, ctx: StorageContext): Table[] {
  const frame = rankedRowFrame(field.key, ctx);
  const self = childTable(field.key, ctx, { role: 'group', comment: '', columns: [], constraints: [] });
  const rowCtx: StorageContext = { ...ctx, table: self, path: `${ctx.path}${field.key}.` };
  const stored = storeFields(field.fields, rowCtx, (inline) => ({
    env: environment(columnsOf(inline)),
    selfScope: 'row',
    rename: rowScope,
    path: rowCtx.path,
  }));
  const constraints = [...frame.constraints, ...stored.constraints];
  const group = childTable(field.key, ctx, {
    role: 'group',
    comment: `${field.label.fr} : une ligne par entrée`,
    columns: [...frame.columns, ...stored.columns],
    constraints,
    indexes: tableIndexes(self.name, constraints, stored.indexed, []),
    serverRules: stored.serverRules,
    serverValues: stored.serverValues,
  });
  return [group, ...stored.children];
}
