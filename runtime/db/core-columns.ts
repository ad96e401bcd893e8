/**
 * The core tables' columns as data, so that `CoreDatabase` (types, gone at run time) can be compared
 * with the migrated database. Two checks hold them together:
 *
 * 1. tsc, here: `CORE_COLUMNS` has exactly the tables and columns of `CoreDatabase` (`satisfies` a
 *    mapped type of it: a missing or extra key is an error), and each descriptor agrees with the
 *    column's Kysely type (`ColumnProblems` below must be `never`: its value type, whether it is
 *    nullable, whether an insert may leave it out). Rename a column in `CoreDatabase` only, and this
 *    file stops compiling.
 * 2. core-database.test.ts, on both engines: migrates a database and compares `information_schema.columns`
 *    of the schemas `suivi` and `ref` with `CORE_COLUMNS` (`coreColumnDrift`). Rename a column in a
 *    migration only, and that test fails naming both names.
 *
 * A descriptor is the column's `udt_name`, then ` null` when nullable, then ` default` when it has a
 * default or ` identity` when it is GENERATED ALWAYS AS IDENTITY: 'timestamptz default'.
 */
import type { Insertable, Selectable } from 'kysely';
import type { CoreDatabase } from './core-database.ts';
import type { Queryable } from './database.ts';

/** The value each column type is read as (value-parsers.ts). jsonb is whatever the JSON holds. */
interface UdtValue {
  bool: boolean;
  bytea: Uint8Array;
  int4: number;
  int8: number;
  json: unknown;
  jsonb: unknown;
  text: string;
  timestamptz: string;
  uuid: string;
  /** A transaction id (pg_current_xact_id()), read as its decimal text. */
  xid8: string;
}
type Udt = keyof UdtValue;
export type ColumnDescriptor = Udt | `${Udt} ${'null' | 'default' | 'identity' | 'null default'}`;

export const CORE_COLUMNS = {
  'suivi.schema_migration': { id: 'text', applied_at: 'timestamptz default' },
  'ref.vocabulary_type': {
    type: 'text',
    label_fr: 'text',
    label_en: 'text null',
    sinp_attribute: 'text null',
    source: 'text',
  },
  'ref.vocabulary': {
    type: 'text',
    code: 'text',
    label_fr: 'text',
    label_en: 'text null',
    definition_fr: 'text null',
    definition_en: 'text null',
    broader_code: 'text null',
    source: 'text',
  },
  'ref.taxon': {
    cd_nom: 'int4',
    cd_ref: 'int4 null',
    cd_sup: 'int4 null',
    regne: 'text null',
    phylum: 'text null',
    classe: 'text null',
    ordre: 'text null',
    famille: 'text null',
    group1_inpn: 'text null',
    group2_inpn: 'text null',
    lb_nom: 'text',
    lb_auteur: 'text null',
    nom_complet: 'text null',
    nom_valide: 'text null',
    nom_vern: 'text null',
    id_rang: 'text null',
    lb_nom_search: 'text null',
    nom_vern_search: 'text null',
  },
  'suivi.organisation': { id: 'uuid default', name: 'text', created_at: 'timestamptz default' },
  'suivi.app_user': {
    id: 'uuid default',
    organisation_id: 'uuid null',
    login: 'text',
    display_name: 'text',
    email: 'text null',
    password_hash: 'text null',
    active: 'bool default',
    created_at: 'timestamptz default',
    is_admin: 'bool default',
  },
  'suivi.acquisition_framework': {
    id: 'uuid default',
    label: 'text',
    description: 'text null',
    organisation_id: 'uuid null',
    created_at: 'timestamptz default',
    sinp_uuid: 'uuid null',
  },
  'suivi.dataset': {
    id: 'uuid default',
    acquisition_framework_id: 'uuid',
    label: 'text',
    description: 'text null',
    organisation_id: 'uuid null',
    created_at: 'timestamptz default',
    sinp_uuid: 'uuid null',
    diffusion_level: 'text default',
    sensitivity_level: 'text default',
  },
  'suivi.module': {
    code: 'text',
    label: 'text',
    spec_version: 'int4',
    generator_version: 'text',
    manifest: 'jsonb',
    installed_at: 'timestamptz default',
    version_id: 'int8 null',
  },
  'suivi.module_version': {
    id: 'int8 identity',
    code: 'text',
    version: 'int4',
    generator_version: 'text',
    content_hash: 'text',
    spec: 'jsonb null',
    ir: 'jsonb',
    files: 'jsonb',
    change: 'text',
    plan: 'jsonb null',
    installed_by: 'uuid null',
    installed_at: 'timestamptz default',
  },
  'suivi.deletion_log': {
    id: 'int8 identity',
    module_code: 'text',
    level_key: 'text',
    record_id: 'uuid',
    deleted_at: 'timestamptz default',
    deleted_by: 'uuid null',
  },
  'suivi.record_history': {
    id: 'int8 identity',
    tx: 'xid8 default',
    changed_at: 'timestamptz default',
    module_code: 'text',
    level_key: 'text',
    table_name: 'text',
    record_id: 'uuid',
    operation: 'text',
    actor: 'uuid null',
    write_path: 'text default',
    row_data: 'jsonb',
    changes: 'jsonb null',
  },
  'suivi.session': {
    id: 'text',
    user_id: 'uuid',
    created_at: 'timestamptz default',
    expires_at: 'timestamptz',
    last_seen_at: 'timestamptz default',
  },
  'suivi.api_token': {
    id: 'uuid default',
    user_id: 'uuid',
    name: 'text',
    token_hash: 'text',
    created_at: 'timestamptz default',
    last_used_at: 'timestamptz null',
    revoked_at: 'timestamptz null',
  },
  'suivi.user_role': { user_id: 'uuid', role: 'text' },
  'suivi.permission': {
    id: 'uuid default',
    role: 'text null',
    user_id: 'uuid null',
    organisation_id: 'uuid null',
    module_code: 'text default',
    action: 'text',
    scope: 'text',
    created_at: 'timestamptz default',
  },
  'suivi.media_file': {
    storage_key: 'uuid default',
    sha256: 'text',
    file_name: 'text',
    mime_type: 'text',
    size_bytes: 'int4',
    uploaded_by: 'uuid',
    uploaded_at: 'timestamptz default',
    content: 'bytea',
  },
  'suivi.validation_log': {
    id: 'int8 identity',
    module_code: 'text',
    level_key: 'text',
    record_id: 'uuid',
    status: 'text',
    previous_status: 'text null',
    validated_by: 'uuid null',
    comment: 'text null',
    validated_at: 'timestamptz default',
  },
  'suivi.login_attempt': {
    id: 'int8 identity',
    login: 'text',
    address: 'text null',
    attempted_at: 'timestamptz default',
  },
  'suivi.protocol_draft': {
    id: 'uuid default',
    code: 'text default',
    spec: 'json',
    base_version: 'int4 null',
    row_version: 'int4 default',
    created_by: 'uuid null',
    created_at: 'timestamptz default',
    updated_by: 'uuid null',
    updated_at: 'timestamptz default',
  },
  'suivi.protocol_draft_revision': {
    draft_id: 'uuid',
    revision: 'int4',
    spec: 'json',
    saved_by: 'uuid null',
    saved_at: 'timestamptz default',
  },
  'suivi.import_template': {
    id: 'uuid default',
    module_code: 'text',
    level_key: 'text',
    provider: 'text',
    name: 'text',
    current_version: 'int4 default',
    created_by: 'uuid null',
    created_at: 'timestamptz default',
    updated_by: 'uuid null',
    updated_at: 'timestamptz default',
  },
  'suivi.import_template_version': {
    template_id: 'uuid',
    version: 'int4',
    body: 'json',
    comment: 'text null',
    saved_by: 'uuid null',
    saved_at: 'timestamptz default',
  },
  'suivi.import_job': {
    id: 'uuid default',
    module_code: 'text',
    level_key: 'text',
    provider: 'text default',
    template: 'jsonb',
    template_id: 'uuid null',
    template_version: 'int4 null',
    file_name: 'text',
    file_sha256: 'text',
    mode: 'text',
    atomicity: 'text',
    dry_run: 'bool default',
    status: 'text default',
    rows_read: 'int4 default',
    inserted: 'int4 default',
    updated: 'int4 default',
    rejected: 'int4 default',
    skipped: 'int4 default',
    unmatched_taxa: 'jsonb default',
    created_by: 'uuid null',
    created_at: 'timestamptz default',
    started_at: 'timestamptz null',
    finished_at: 'timestamptz null',
    error: 'text null',
  },
  'suivi.import_job_record': {
    job_id: 'uuid',
    level_key: 'text',
    record_id: 'uuid',
    action: 'text',
    row_version: 'int4 null',
    before: 'jsonb null',
    seq: 'int4',
  },
  'suivi.import_job_problem': {
    job_id: 'uuid',
    seq: 'int4',
    row_number: 'int4',
    level_key: 'text',
    field: 'text',
    column_name: 'text null',
    code: 'text',
    message_fr: 'text',
    message_en: 'text',
    value: 'text null',
    cells: 'jsonb',
  },
  'suivi.export_job': {
    id: 'uuid default',
    user_id: 'uuid',
    module_code: 'text',
    level_key: 'text null',
    format: 'text',
    options: 'jsonb',
    filters: 'jsonb',
    status: 'text default',
    rows_done: 'int8 default',
    rows_total: 'int8 null',
    file_path: 'text null',
    file_name: 'text null',
    file_size: 'int8 null',
    error: 'text null',
    created_at: 'timestamptz default',
    finished_at: 'timestamptz null',
    expires_at: 'timestamptz',
  },
} as const satisfies ColumnsOf<CoreDatabase>;

/** Exactly the tables and columns of `DB`, each with a descriptor. */
export type ColumnsOf<DB> = { readonly [T in keyof DB]: { readonly [C in keyof DB[T]]: ColumnDescriptor } };

type UdtOf<D> = D extends `${infer U extends Udt} ${string}` ? U : D extends Udt ? D : never;
type Says<D, Flag extends string> = D extends `${string} ${string}${Flag}${string}` ? true : false;
type Optional<T, C extends keyof T> = object extends Pick<T, C> ? true : false;
type Get<O, K> = K extends keyof O ? O[K] : never;

/** What is wrong with column `C` of table type `T` given descriptor `D`, as messages; never when nothing. */
type ColumnProblem<Name extends string, T, C extends keyof T & string, D> =
  | ([Exclude<Get<Selectable<T>, C>, null>] extends [UdtValue[UdtOf<D>]]
      ? never
      : `${Name}.${C}: its type does not read a ${UdtOf<D>}`)
  | ((null extends Get<Selectable<T>, C> ? true : false) extends Says<D, 'null'>
      ? never
      : `${Name}.${C}: nullable in one of CoreDatabase and CORE_COLUMNS, not in the other`)
  | (C extends keyof Insertable<T>
      ? Says<D, 'identity'> extends true
        ? `${Name}.${C}: an identity column must be GeneratedAlways`
        : Optional<Insertable<T>, C> extends (Says<D, 'null'> extends true ? true : Says<D, 'default'>)
          ? never
          : `${Name}.${C}: optional on insert in one of CoreDatabase and CORE_COLUMNS, not in the other`
      : Says<D, 'identity'> extends true
        ? never
        : `${Name}.${C}: GeneratedAlways in CoreDatabase, not an identity in CORE_COLUMNS`);

/** Every disagreement between the table types of `DB` and `Columns`; never when they agree. */
export type ColumnProblems<DB, Columns extends ColumnsOf<DB>> = {
  [T in keyof DB & string]: {
    [C in keyof DB[T] & string]: ColumnProblem<T, DB[T], C, Get<Columns[T], C>>;
  }[keyof DB[T] & string];
}[keyof DB & string];

// Fails to compile when a descriptor and a CoreDatabase type disagree: the object must then have one
// property per problem, and tsc lists them as missing ("…is missing the following properties: 'suivi.
// session.last_seen_at: optional on insert in one of CoreDatabase and CORE_COLUMNS, not in the other'").
const agree: Record<ColumnProblems<CoreDatabase, typeof CORE_COLUMNS>, true> = {};
void agree;

/** One column as the catalogue describes it. */
export interface CatalogColumn {
  readonly table: string;
  readonly column: string;
  readonly descriptor: string;
}

/** The columns of every table of the schemas `suivi` and `ref`, as descriptors. */
export async function readCoreCatalog(q: Queryable): Promise<CatalogColumn[]> {
  const { rows } = await q.query<CatalogColumn>(
    `SELECT c.table_schema || '.' || c.table_name AS table, c.column_name AS column,
            c.udt_name || CASE WHEN c.is_nullable = 'YES' THEN ' null' ELSE '' END
              || CASE WHEN c.identity_generation = 'ALWAYS' THEN ' identity'
                      WHEN c.column_default IS NOT NULL THEN ' default' ELSE '' END AS descriptor
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema IN ('suivi', 'ref') AND t.table_type = 'BASE TABLE'
      ORDER BY 1, c.ordinal_position`,
  );
  return rows;
}

/**
 * How the catalogue and `expected` differ, one line per column: a column of one missing from the
 * other (a rename shows as both), or described otherwise. Empty when they agree.
 */
export function coreColumnDrift(
  catalog: readonly CatalogColumn[],
  expected: Readonly<Record<string, Readonly<Record<string, string>>>> = CORE_COLUMNS,
): string[] {
  const found = new Map(catalog.map((c) => [`${c.table}.${c.column}`, c.descriptor]));
  const wanted = new Map<string, string>(
    Object.entries(expected).flatMap(([table, columns]) =>
      Object.entries(columns).map(([column, d]) => [`${table}.${column}`, d] as const),
    ),
  );
  const drift: string[] = [];
  for (const [name, d] of wanted) {
    const actual = found.get(name);
    if (actual === undefined) drift.push(`${name}: in CoreDatabase, not in the database`);
    else if (actual !== d) drift.push(`${name}: the database has '${actual}', CoreDatabase '${d}'`);
  }
  for (const name of found.keys()) {
    if (!wanted.has(name)) drift.push(`${name}: in the database, not in CoreDatabase`);
  }
  return drift.sort();
}
