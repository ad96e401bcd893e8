/**
 * The core tables (schemas `suivi` and `ref`, created by the core migrations) as Kysely table types,
 * and `coreDb(q)`: typed queries on them over any Queryable (kysely-dialect.ts).
 *
 * The types say what the runtime reads back through our value parsers (value-parsers.ts): uuid and
 * timestamptz as strings (ISO 8601, UTC), int8 as a number, jsonb parsed. `Generated` marks a column
 * with a default (optional on insert), `GeneratedAlways` an identity (never inserted). A text column
 * with a CHECK on its values has their union as type.
 *
 * core-columns.ts describes the same columns as data, checked against these types by tsc and against
 * the migrated database by core-database.test.ts: change a migration or this file, and change the other.
 */
import type { ColumnType, Generated, GeneratedAlways, Kysely } from 'kysely';
import type { Queryable } from './database.ts';
import { kyselyOver } from './kysely-dialect.ts';

/** timestamptz, read as ISO 8601 in UTC with its microseconds ('2024-05-01T08:30:00.123456Z'). */
type Timestamptz = string;
type Uuid = string;
/** jsonb: read parsed; written as `JSON.stringify(value)` (pg would send a JS array as an SQL array). */
type Jsonb<T> = ColumnType<T, string, string>;
/** json (kept as sent, key order included), read and written like jsonb. */
type Json<T> = ColumnType<T, string, string>;

/** `ref.vocabulary_type.source` and `ref.vocabulary.source` (CHECK source__choice). */
export type VocabularySource = 'sinp' | 'protocol';
/** `suivi.permission.action` (CHECK action__choice): Create, Read, Update, Validate, Export, Delete. */
export type GrantAction = 'C' | 'R' | 'U' | 'V' | 'E' | 'D';
/** `suivi.permission.scope` (CHECK scope__choice). */
export type GrantScope = 'own' | 'organisation' | 'all';

// 0001-core

export interface SchemaMigrationTable {
  id: string;
  applied_at: Generated<Timestamptz>;
}

export interface VocabularyTypeTable {
  type: string;
  label_fr: string;
  label_en: string | null;
  sinp_attribute: string | null;
  source: VocabularySource;
}

export interface VocabularyTable {
  type: string;
  code: string;
  label_fr: string;
  label_en: string | null;
  definition_fr: string | null;
  definition_en: string | null;
  broader_code: string | null;
  source: VocabularySource;
}

export interface TaxonTable {
  cd_nom: number;
  cd_ref: number | null;
  cd_sup: number | null;
  regne: string | null;
  phylum: string | null;
  classe: string | null;
  ordre: string | null;
  famille: string | null;
  group1_inpn: string | null;
  group2_inpn: string | null;
  lb_nom: string;
  lb_auteur: string | null;
  nom_complet: string | null;
  nom_valide: string | null;
  nom_vern: string | null;
  id_rang: string | null;
  /** 0002-taxon-search: the names folded by searchText() (refdata/search-text.ts). */
  lb_nom_search: string | null;
  nom_vern_search: string | null;
}

export interface OrganisationTable {
  id: Generated<Uuid>;
  name: string;
  created_at: Generated<Timestamptz>;
}

export interface AppUserTable {
  id: Generated<Uuid>;
  organisation_id: Uuid | null;
  login: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Generated<Timestamptz>;
  /** 0003-accounts */
  is_admin: Generated<boolean>;
}

export interface AcquisitionFrameworkTable {
  id: Generated<Uuid>;
  label: string;
  description: string | null;
  organisation_id: Uuid | null;
  created_at: Generated<Timestamptz>;
  /** The national registry's UUID (migration 0013). */
  sinp_uuid: Uuid | null;
}

export interface DatasetTable {
  id: Generated<Uuid>;
  acquisition_framework_id: Uuid;
  label: string;
  description: string | null;
  organisation_id: Uuid | null;
  created_at: Generated<Timestamptz>;
  /** The national registry's UUID (migration 0013). */
  sinp_uuid: Uuid | null;
  /** SINP diffusion level, NIV_PRECIS code, and default sensitivity, SENSIBILITE code (migration 0015). */
  diffusion_level: Generated<string>;
  sensitivity_level: Generated<string>;
}

export interface ModuleTable {
  code: string;
  label: string;
  spec_version: number;
  generator_version: string;
  /** The module folder's manifest.json (modules/module-folder.ts `Manifest`: the database does not check it). */
  manifest: Jsonb<object>;
  installed_at: Generated<Timestamptz>;
  /** The suivi.module_version row this module serves; null if installed before 0007. */
  version_id: number | null;
}

/** How a module version arrived (0007-module-versions.sql). */
export type ModuleVersionChange = 'install' | 'reinstall' | 'update' | 'upgrade';

export interface ModuleVersionTable {
  id: GeneratedAlways<number>;
  code: string;
  version: number;
  generator_version: string;
  content_hash: string;
  spec: Jsonb<object> | null;
  ir: Jsonb<object>;
  /** Every file of the generated folder by manifest path, manifest.json included. */
  files: Jsonb<Record<string, string>>;
  change: ModuleVersionChange;
  plan: Jsonb<object> | null;
  installed_by: string | null;
  installed_at: Generated<Timestamptz>;
}

export interface DeletionLogTable {
  id: GeneratedAlways<number>;
  module_code: string;
  level_key: string;
  record_id: Uuid;
  deleted_at: Generated<Timestamptz>;
  deleted_by: Uuid | null;
}

// 0011-record-history

/** `suivi.record_history.operation` (CHECK operation__choice). */
export type HistoryOperation = 'insert' | 'update' | 'delete';

export interface RecordHistoryTable {
  id: GeneratedAlways<number>;
  /** xid8 as decimal text: compare it in SQL (`::xid8`), never as a JS number. */
  tx: Generated<string>;
  changed_at: Generated<Timestamptz>;
  module_code: string;
  level_key: string;
  table_name: string;
  record_id: Uuid;
  operation: HistoryOperation;
  actor: Uuid | null;
  write_path: Generated<string>;
  row_data: Jsonb<Record<string, unknown>>;
  /** `{ column: [before, after] }` for an update. */
  changes: Jsonb<Record<string, [unknown, unknown]>> | null;
}

// 0003-accounts

export interface SessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  user_id: Uuid;
  created_at: Generated<Timestamptz>;
  expires_at: Timestamptz;
  last_seen_at: Generated<Timestamptz>;
}

export interface ApiTokenTable {
  id: Generated<Uuid>;
  user_id: Uuid;
  name: string;
  token_hash: string;
  created_at: Generated<Timestamptz>;
  last_used_at: Timestamptz | null;
  revoked_at: Timestamptz | null;
}

export interface UserRoleTable {
  user_id: Uuid;
  role: string;
}

export interface PermissionTable {
  id: Generated<Uuid>;
  /** Exactly one of role, user_id and organisation_id (CHECK grantee__one). */
  role: string | null;
  user_id: Uuid | null;
  organisation_id: Uuid | null;
  /** A module code, or '*' for every module (the default). */
  module_code: Generated<string>;
  action: GrantAction;
  scope: GrantScope;
  created_at: Generated<Timestamptz>;
}

// 0004-media

export interface MediaFileTable {
  storage_key: Generated<Uuid>;
  sha256: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  uploaded_by: Uuid;
  uploaded_at: Generated<Timestamptz>;
  content: Uint8Array;
}

// 0005-validation

export interface ValidationLogTable {
  id: GeneratedAlways<number>;
  module_code: string;
  level_key: string;
  record_id: Uuid;
  status: string;
  previous_status: string | null;
  validated_by: Uuid | null;
  comment: string | null;
  validated_at: Generated<Timestamptz>;
}

// 0006-login-throttle

export interface LoginAttemptTable {
  id: GeneratedAlways<number>;
  /** Folded to lower case. */
  login: string;
  address: string | null;
  attempted_at: Generated<Timestamptz>;
}

// 0008-builder

export interface ProtocolDraftTable {
  id: Generated<Uuid>;
  /** The spec's code at the last save ('' while it has none). */
  code: Generated<string>;
  spec: Json<object>;
  /** The installed version the draft edits; null for a protocol never published. */
  base_version: number | null;
  row_version: Generated<number>;
  created_by: Uuid | null;
  created_at: Generated<Timestamptz>;
  updated_by: Uuid | null;
  updated_at: Generated<Timestamptz>;
}

export interface ProtocolDraftRevisionTable {
  draft_id: Uuid;
  revision: number;
  spec: Json<object>;
  saved_by: Uuid | null;
  saved_at: Generated<Timestamptz>;
}

// 0010-import-templates

export interface ImportTemplateTable {
  id: Generated<Uuid>;
  module_code: string;
  level_key: string;
  provider: string;
  name: string;
  current_version: Generated<number>;
  created_by: Uuid | null;
  created_at: Generated<Timestamptz>;
  updated_by: Uuid | null;
  updated_at: Generated<Timestamptz>;
}

export interface ImportTemplateVersionTable {
  template_id: Uuid;
  version: number;
  /** An ImportTemplate (runtime/import/template.ts), checked by runtime/import/templates/check-template.ts. */
  body: Json<object>;
  comment: string | null;
  saved_by: Uuid | null;
  saved_at: Generated<Timestamptz>;
}

// 0009-import-jobs

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'rolled_back';

export interface ImportJobTable {
  id: Generated<Uuid>;
  module_code: string;
  level_key: string;
  provider: Generated<string>;
  template: Jsonb<object>;
  template_id: Uuid | null;
  template_version: number | null;
  file_name: string;
  file_sha256: string;
  mode: 'insert' | 'upsert' | 'replace';
  atomicity: 'all_or_nothing' | 'valid_rows';
  dry_run: Generated<boolean>;
  status: Generated<ImportJobStatus>;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  skipped: Generated<number>;
  unmatched_taxa: Generated<Jsonb<string[]>>;
  created_by: Uuid | null;
  created_at: Generated<Timestamptz>;
  started_at: Timestamptz | null;
  finished_at: Timestamptz | null;
  error: string | null;
}

export interface ImportJobRecordTable {
  job_id: Uuid;
  level_key: string;
  record_id: Uuid;
  action: 'inserted' | 'updated' | 'deleted';
  row_version: number | null;
  before: Jsonb<object> | null;
  seq: number;
}

export interface ImportJobProblemTable {
  job_id: Uuid;
  seq: number;
  row_number: number;
  level_key: string;
  field: string;
  column_name: string | null;
  code: string;
  message_fr: string;
  message_en: string;
  value: string | null;
  cells: Jsonb<Record<string, string>>;
}

/** 0012-exports: a background export (runtime/exports/export-jobs.ts). */
export interface ExportJobTable {
  id: Generated<Uuid>;
  user_id: Uuid;
  module_code: string;
  level_key: string | null;
  format: string;
  options: Jsonb<object>;
  filters: Jsonb<object>;
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'expired'>;
  rows_done: Generated<number>;
  rows_total: number | null;
  file_path: string | null;
  file_name: string | null;
  file_size: number | null;
  error: string | null;
  created_at: Generated<Timestamptz>;
  finished_at: Timestamptz | null;
  expires_at: Timestamptz;
}

/** Every table of the core migrations, by `schema.table` (Kysely quotes both parts). */
export interface CoreDatabase {
  'suivi.schema_migration': SchemaMigrationTable;
  'ref.vocabulary_type': VocabularyTypeTable;
  'ref.vocabulary': VocabularyTable;
  'ref.taxon': TaxonTable;
  'suivi.organisation': OrganisationTable;
  'suivi.app_user': AppUserTable;
  'suivi.acquisition_framework': AcquisitionFrameworkTable;
  'suivi.dataset': DatasetTable;
  'suivi.module': ModuleTable;
  'suivi.module_version': ModuleVersionTable;
  'suivi.deletion_log': DeletionLogTable;
  'suivi.record_history': RecordHistoryTable;
  'suivi.session': SessionTable;
  'suivi.api_token': ApiTokenTable;
  'suivi.user_role': UserRoleTable;
  'suivi.permission': PermissionTable;
  'suivi.media_file': MediaFileTable;
  'suivi.validation_log': ValidationLogTable;
  'suivi.login_attempt': LoginAttemptTable;
  'suivi.protocol_draft': ProtocolDraftTable;
  'suivi.protocol_draft_revision': ProtocolDraftRevisionTable;
  'suivi.import_template': ImportTemplateTable;
  'suivi.import_template_version': ImportTemplateVersionTable;
  'suivi.import_job': ImportJobTable;
  'suivi.import_job_record': ImportJobRecordTable;
  'suivi.import_job_problem': ImportJobProblemTable;
  'suivi.export_job': ExportJobTable;
}

/** Typed queries on the core tables, run on `q` (a Database, or the tx of a transaction). */
export const coreDb = (q: Queryable): Kysely<CoreDatabase> => kyselyOver<CoreDatabase>(q);
