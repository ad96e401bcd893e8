/**
 * Child tables of multi-valued fields: observers, several references, media (and the frame of a group's
 * row table). Each row points to its record with `record_id … ON DELETE CASCADE`: these rows are part of
 * the record, deleted with it, and carry no SINP identity of their own.
 */
import type { MediaField, ObserversField, ReferenceField } from '../../protocol-specs/index.ts';
import { foreignKey, literalList } from './constraints.ts';
import type { Column, Constraint, Index, Table, TableRole } from './model.ts';
import {
  childTableName,
  constraintName,
  ident,
  indexName,
  primaryKeyName,
  type TableRef,
  uniqueName,
} from './names.ts';
import type { StorageContext } from './storage.ts';

const RECORD_ID: Column = {
  name: 'record_id',
  type: 'uuid',
  notNull: true,
  comment: 'Enregistrement auquel la ligne appartient',
};
const POSITION: Column = { name: 'position', type: 'integer', notNull: true, comment: 'Rang, à partir de 1' };
const ID: Column = {
  name: 'id',
  type: 'uuid',
  notNull: true,
  default: { kind: 'function', name: 'gen_random_uuid' },
  comment: 'Identifiant de la ligne',
};

const recordLink = (owner: TableRef): Constraint =>
  foreignKey('record_id', ['record_id'], owner, ['id'], 'cascade');

const positionCheck: Constraint = {
  kind: 'check',
  name: constraintName('position', 'min'),
  sql: 'position >= 1',
};

interface ChildParts {
  readonly role: TableRole;
  readonly comment: string;
  readonly columns: readonly Column[];
  readonly constraints: readonly Constraint[];
  readonly indexes?: readonly Index[];
  readonly serverRules?: readonly string[];
  readonly serverValues?: readonly string[];
}

/** A child table of field `key` of the record's table `ctx.table`. */
export function childTable(key: string, ctx: StorageContext, parts: ChildParts): Table {
  return {
    schema: ctx.table.schema,
    name: childTableName(ctx.table.name, key),
    role: parts.role,
    level: ctx.level,
    field: `${ctx.path}${key}`,
    comment: parts.comment,
    columns: parts.columns,
    constraints: parts.constraints,
    indexes: parts.indexes ?? [],
    serverRules: parts.serverRules ?? [],
    serverValues: parts.serverValues ?? [],
  };
}

/** Rows with their own id and a rank (media, group rows). */
export function rankedRowFrame(key: string, ctx: StorageContext) {
  const name = childTableName(ctx.table.name, key);
  return {
    columns: [ID, RECORD_ID, POSITION],
    constraints: [
      { kind: 'primary_key', name: primaryKeyName(name), columns: ['id'] },
      {
        kind: 'unique',
        name: uniqueName(name, ['record_id', 'position']),
        columns: ['record_id', 'position'],
      },
      recordLink(ctx.table),
      positionCheck,
    ] satisfies Constraint[],
  };
}

export function observersTable(f: ObserversField, ctx: StorageContext): Table {
  const name = childTableName(ctx.table.name, f.key);
  const key = ident(f.key);
  return childTable(f.key, ctx, {
    role: 'observers',
    comment: `${f.label.fr} : un observateur par ligne, utilisateur ou nom libre`,
    columns: [
      RECORD_ID,
      POSITION,
      {
        name: 'user_id',
        type: 'uuid',
        notNull: false,
        comment: 'Observateur ayant un compte (suivi.app_user)',
      },
      { name: 'name', type: 'text', notNull: false, comment: 'Nom d’un observateur sans compte' },
    ],
    constraints: [
      { kind: 'primary_key', name: primaryKeyName(name), columns: ['record_id', 'position'] },
      { kind: 'unique', name: uniqueName(name, ['record_id', 'user_id']), columns: ['record_id', 'user_id'] },
      recordLink(ctx.table),
      foreignKey(f.key, ['user_id'], { schema: 'suivi', name: 'app_user' }, ['id']),
      positionCheck,
      {
        kind: 'check',
        name: constraintName(f.key, 'observer'),
        sql: "num_nonnulls(user_id, NULLIF(name, '')) = 1",
        source: `${key}: a user or a name`,
      },
      ...(f.multiple
        ? []
        : [{ kind: 'check', name: constraintName(f.key, 'single'), sql: 'position = 1' } as const]),
      ...(f.freeText
        ? []
        : [{ kind: 'check', name: constraintName(f.key, 'free_text'), sql: 'name IS NULL' } as const]),
    ],
    indexes: [{ name: indexName(name, ['user_id']), method: 'btree', columns: [{ name: 'user_id' }] }],
  });
}

/** Several references: one row per referenced record. */
export function linkTable(f: ReferenceField, ctx: StorageContext, target: TableRef): Table {
  const name = childTableName(ctx.table.name, f.key);
  return childTable(f.key, ctx, {
    role: 'references',
    comment: `${f.label.fr} : un enregistrement de ${target.name} par ligne`,
    columns: [RECORD_ID, { name: 'target_id', type: 'uuid', notNull: true, comment: 'Enregistrement lié' }],
    constraints: [
      { kind: 'primary_key', name: primaryKeyName(name), columns: ['record_id', 'target_id'] },
      recordLink(ctx.table),
      foreignKey(f.key, ['target_id'], target, ['id']),
    ],
    indexes: [{ name: indexName(name, ['target_id']), method: 'btree', columns: [{ name: 'target_id' }] }],
  });
}

export function mediaTable(f: MediaField, ctx: StorageContext): Table {
  const frame = rankedRowFrame(f.key, ctx);
  const text = (name: string, notNull: boolean, comment: string): Column => ({
    name,
    type: 'text',
    notNull,
    comment,
  });
  return childTable(f.key, ctx, {
    role: 'media',
    comment: `${f.label.fr} : un fichier par ligne (au plus ${f.maxFiles})`,
    columns: [
      ...frame.columns,
      text('file_name', true, 'Nom du fichier déposé'),
      text('mime_type', true, 'Type MIME'),
      text('storage_key', true, 'Clé du fichier dans le stockage'),
      text('title', false, 'Titre'),
      text('author', false, 'Auteur'),
      {
        name: 'created_at',
        type: 'timestamptz',
        notNull: true,
        default: { kind: 'function', name: 'now' },
        comment: 'Date de dépôt',
      },
    ],
    constraints: [...frame.constraints, ...(f.accept.length > 0 ? [acceptCheck(f)] : [])],
  });
}

/** `audio/*` accepts every audio type; other entries are exact MIME types. */
function acceptCheck(f: MediaField): Constraint {
  const prefixes = f.accept.filter((a) => a.endsWith('/*')).map((a) => a.slice(0, -1));
  const exact = f.accept.filter((a) => !a.endsWith('/*'));
  const parts = [
    ...prefixes.map((p) => `starts_with(mime_type, ${literalList([p])})`),
    ...(exact.length > 0 ? [`mime_type IN (${literalList(exact)})`] : []),
  ];
  return {
    kind: 'check',
    name: constraintName(f.key, 'accept'),
    sql: parts.join(' OR '),
    source: f.accept.join(', '),
  };
}
