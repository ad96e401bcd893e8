/**
 * Import templates in the database (core migration 0010): one row per template (module, level,
 * provider, name, newest version) and one per saved version, never changed afterwards. Saving is always
 * a new version, so a job that ran with version 3 can still show version 3. Bodies are checked templates
 * (check-template.ts) stored as sent: the callers check before they save.
 */
import { sql } from 'kysely';
import { coreDb } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { now } from '../../db/sql-time.ts';
import type { ImportTemplate } from '../template.ts';

export interface Who {
  readonly login: string;
  readonly display_name: string;
}

export interface TemplateSummary {
  readonly id: string;
  readonly module: string;
  readonly level: string;
  readonly provider: string;
  readonly name: string;
  readonly current_version: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly updated_by: Who | null;
}

export interface TemplateVersionInfo {
  readonly version: number;
  readonly comment: string | null;
  readonly saved_at: string;
  readonly saved_by: Who | null;
}

export interface TemplateVersion extends TemplateVersionInfo {
  readonly template_id: string;
  readonly template: ImportTemplate;
}

export interface ListFilter {
  /** The modules the reader may see templates of. */
  readonly modules: readonly string[];
  readonly module?: string;
  readonly provider?: string;
  readonly level?: string;
}

const whoOf = (login: string | null, name: string | null): Who | null =>
  login === null ? null : { login, display_name: name ?? login };

function summaries(q: Queryable) {
  return coreDb(q)
    .selectFrom('suivi.import_template as t')
    .leftJoin('suivi.app_user as u', 'u.id', 't.updated_by')
    .select([
      't.id',
      't.module_code',
      't.level_key',
      't.provider',
      't.name',
      't.current_version',
      't.created_at',
      't.updated_at',
      'u.login',
      'u.display_name',
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

const summaryOf = (r: SummaryRow): TemplateSummary => ({
  id: r.id,
  module: r.module_code,
  level: r.level_key,
  provider: r.provider,
  name: r.name,
  current_version: r.current_version,
  created_at: r.created_at,
  updated_at: r.updated_at,
  updated_by: whoOf(r.login, r.display_name),
});

/** Templates of the modules in `filter`, by provider then name. */
export async function listTemplates(q: Queryable, filter: ListFilter): Promise<TemplateSummary[]> {
  if (filter.modules.length === 0) return [];
  let query = summaries(q).where('t.module_code', 'in', filter.modules);
  if (filter.module !== undefined) query = query.where('t.module_code', '=', filter.module);
  if (filter.level !== undefined) query = query.where('t.level_key', '=', filter.level);
  if (filter.provider !== undefined)
    query = query.where(sql<string>`lower(t.provider)`, '=', filter.provider.toLowerCase());
  const rows = await query
    .orderBy(sql`lower(t.provider)`)
    .orderBy(sql`lower(t.name)`)
    .orderBy('t.id')
    .execute();
  return rows.map(summaryOf);
}

export async function findTemplate(q: Queryable, id: string): Promise<TemplateSummary | undefined> {
  const row = await summaries(q).where('t.id', '=', id).executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** The template of this module, provider and name (provider and name compared as stored). */
export async function findByName(
  q: Queryable,
  template: Pick<ImportTemplate, 'module' | 'provider' | 'name'>,
): Promise<TemplateSummary | undefined> {
  const row = await summaries(q)
    .where('t.module_code', '=', template.module)
    .where('t.provider', '=', template.provider)
    .where('t.name', '=', template.name)
    .executeTakeFirst();
  return row ? summaryOf(row) : undefined;
}

/** Newest first. */
export async function listVersions(q: Queryable, id: string): Promise<TemplateVersionInfo[]> {
  const rows = await coreDb(q)
    .selectFrom('suivi.import_template_version as v')
    .leftJoin('suivi.app_user as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.comment', 'v.saved_at', 'u.login', 'u.display_name'])
    .where('v.template_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    comment: r.comment,
    saved_at: r.saved_at,
    saved_by: whoOf(r.login, r.display_name),
  }));
}

export async function findVersion(
  q: Queryable,
  id: string,
  version: number,
): Promise<TemplateVersion | undefined> {
  const r = await coreDb(q)
    .selectFrom('suivi.import_template_version as v')
    .leftJoin('suivi.app_user as u', 'u.id', 'v.saved_by')
    .select(['v.template_id', 'v.version', 'v.body', 'v.comment', 'v.saved_at', 'u.login', 'u.display_name'])
    .where('v.template_id', '=', id)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return r
    ? {
        template_id: r.template_id,
        version: r.version,
        comment: r.comment,
        saved_at: r.saved_at,
        saved_by: whoOf(r.login, r.display_name),
        template: r.body as ImportTemplate,
      }
    : undefined;
}

/** A new template at version 1. Throws the database's unique violation when the name is taken. */
export async function createTemplate(
  q: Queryable,
  template: ImportTemplate,
  by: string,
  comment: string | null,
): Promise<string> {
  const { id } = await coreDb(q)
    .insertInto('suivi.import_template')
    .values({
      module_code: template.module,
      level_key: template.level,
      provider: template.provider,
      name: template.name,
      created_by: by,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await coreDb(q)
    .insertInto('suivi.import_template_version')
    .values({ template_id: id, version: 1, body: JSON.stringify(template), comment, saved_by: by })
    .execute();
  return id;
}

/**
 * Saves `template` as the next version of template `id` (run it in a transaction): its number, or
 * undefined when there is no such template. The row is locked, so two saves get two numbers. Provider,
 * name and level follow the body (a rename); the module never changes (the caller refuses that).
 */
export async function saveVersion(
  q: Queryable,
  id: string,
  template: ImportTemplate,
  by: string,
  comment: string | null,
): Promise<number | undefined> {
  const row = await coreDb(q)
    .updateTable('suivi.import_template')
    .set({
      current_version: sql<number>`current_version + 1`,
      level_key: template.level,
      provider: template.provider,
      name: template.name,
      updated_by: by,
      updated_at: now,
    })
    .where('id', '=', id)
    .returning('current_version')
    .executeTakeFirst();
  if (!row) return undefined;
  await coreDb(q)
    .insertInto('suivi.import_template_version')
    .values({
      template_id: id,
      version: row.current_version,
      body: JSON.stringify(template),
      comment,
      saved_by: by,
    })
    .execute();
  return row.current_version;
}
